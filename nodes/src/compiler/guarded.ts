import type { FlowProblem } from './problem';

/**
 * Runs a node type's own hook (compile, ports, defines, rules). A bug in one node type must not make
 * the compiler throw: it becomes a problem on that node, and the hook's result is undefined.
 */
export function guarded<T>(nodeId: string, problems: FlowProblem[], hook: () => T): T | undefined {
  try {
    return hook();
  } catch (err) {
    problems.push({
      code: 'internal',
      nodeId,
      field: '',
      message: {
        en: `This node could not be checked (${(err as Error)?.message ?? 'unknown error'})`,
        zh: '无法检查此节点',
      },
    });
    return undefined;
  }
}
