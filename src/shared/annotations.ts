/**
 * Where deploy-time code sends a GitHub annotation without depending on @actions/core: a
 * port. src/door-kit/annotations.ts installs the sink that writes it (both doors load it),
 * so code below the doors (the rule sandbox, say) can annotate and stay free of @actions.
 */
export interface Annotation {
  level: 'error' | 'warning';
  message: string;
  title: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

export type AnnotationSink = (annotation: Annotation) => void;

let sink: AnnotationSink | undefined;

/** Installs the sink (undefined removes it); the doors' kit does this once. */
export function setAnnotationSink(next: AnnotationSink | undefined): void {
  sink = next;
}

/**
 * Sends the annotation when running inside Actions with a sink installed; false when it was
 * not sent, so the caller prints the text another way.
 */
export function sendAnnotation(annotation: Annotation): boolean {
  if (process.env.GITHUB_ACTIONS !== 'true' || !sink) return false;
  sink(annotation);
  return true;
}
