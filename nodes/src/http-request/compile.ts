import type { NodeProblem } from '../define-node';
import { isBlockedHost } from './address';
import type { HttpRequestConfig } from './schema';

/** The scheme and host must be literal, so the compiler (and the owner) can see where data goes. */
const URL_START = /^(https?):\/\/([^/?#{}\s]+)(?=$|[/?#])/i;

export function checkHttpRequest(config: HttpRequestConfig): NodeProblem[] {
  const problems: NodeProblem[] = [];
  const start = URL_START.exec(config.url);
  if (!start) {
    problems.push({
      field: '/url',
      message: {
        en: 'The URL must start with http:// or https:// and a host name without placeholders',
        zh: 'URL 必须以 http:// 或 https:// 和不含变量的主机名开头',
      },
    });
  } else {
    // The URL parser's reading of the host, as the request will read it (2852039166 is 169.254.169.254).
    const host = hostOf(start[0]);
    if (host === null)
      problems.push({
        field: '/url',
        message: { en: `"${start[2]}" is not a valid host`, zh: `"${start[2]}" 不是有效的主机名` },
      });
    else if (isBlockedHost(host))
      problems.push({
        field: '/url',
        message: {
          en: `Requests to private address "${host}" are blocked`,
          zh: `禁止请求内网地址 "${host}"`,
        },
      });
  }
  if ((config.method ?? 'POST') === 'GET' && config.body)
    problems.push({
      field: '/body',
      message: { en: 'A GET request has no body', zh: 'GET 请求不能有请求体' },
    });
  return problems;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).hostname;
  } catch {
    return null;
  }
}
