// Where the specs save their screenshots: test-results/ by default, so a test run leaves the tree clean;
// `E2E_SCREENSHOTS=docs/screenshots npm run test:e2e` refreshes the ones the README shows.
export const SHOTS = process.env.E2E_SCREENSHOTS ?? 'test-results/screenshots';
