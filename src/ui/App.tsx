export function App() {
  return (
    <main className="app">
      <h1>Tag Lab</h1>
      <p>User-profile tag models from behaviour logs, trained in your browser.</p>
    </main>
  );
}
