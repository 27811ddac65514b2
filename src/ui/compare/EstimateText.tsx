/**
 * A figure written `0.923 [0.891, 0.951]` (formatEstimate), shown as the value with its interval beside it, smaller;
 * the two wrap as units so narrow tables stack the interval under the value instead of scrolling.
 */
export function EstimateText({ text }: { text: string }) {
  const at = text.indexOf(' [');
  if (at < 0) return <>{text}</>;
  return (
    <>
      <span className="estimate-value">{text.slice(0, at)}</span>{' '}
      <span className="estimate-ci">{text.slice(at + 1)}</span>
    </>
  );
}
