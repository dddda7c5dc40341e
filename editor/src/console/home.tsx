import { nodeRegistry } from '@kefu/nodes';

/** The owner console's front page until the flow editor, inbox and analytics land here. */
export function Home() {
  return (
    <main className="home">
      <h1>Kefu 客服</h1>
      <p>Customer service for small businesses, drawn as flows and run durably.</p>
      <ul className="home-links">
        <li>
          <a href="/designer/">Design your flows (flow designer) →</a>
        </li>
        <li>
          <a href="/chat/">Open the demo shop's customer chat →</a>
        </li>
      </ul>
      <h2>Node catalog</h2>
      <ul className="catalog" aria-label="Node catalog">
        {nodeRegistry.map((node) => (
          <li key={node.kind}>
            <strong>{node.editor.label.en}</strong> · {node.editor.label.zh}
            <span className="catalog-category">{node.category}</span>
            <div>{node.editor.description.en}</div>
          </li>
        ))}
      </ul>
    </main>
  );
}
