import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** what the boundary guards, for the message ("the Data screen") */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** One per screen: a failing screen shows what went wrong and a way out, and the rest of the page keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`Error in ${this.props.area}:`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel panel-error" role="alert">
        <h2>Something went wrong in {this.props.area}</h2>
        <p className="error-text">{error.message || String(error)}</p>
        <p className="muted">Your data is safe. Try again; if it keeps happening, reload the page.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
