// Files that must not sit in the learner's own image layers. Vendored certificates inside installed packages
// (certifi's cacert.pem and the like) are public, not secrets.
const secretName = /(^|\/)(\.env(\.[^/]*)?|id_(rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|[^/]+\.(pem|key|p12|pfx))$/;
const publicPlace = /(^|\/)(site-packages|dist-packages|node_modules|usr\/share|etc\/ssl)\//;

export const isSecretFile = (path: string): boolean => secretName.test(path) && !publicPlace.test(path) && !path.endsWith(".env.example");
export const isPipCache = (path: string): boolean => path.includes(".cache/pip/");

// Tests by the naming conventions of unittest/pytest, Go and the JavaScript runners; test tools by where they
// install. A package's own tests inside site-packages are the package's business, not the learner's test suite.
const testFile = /(^|\/)(test_[^/]*\.py|[^/]*_test\.(py|go)|conftest\.py|[^/]*\.(test|spec)\.[cm]?[jt]sx?)$/;
const testFolder = /(^|\/)(tests?|__tests__)\//;
const testTool = /(^|\/)(site|dist)-packages\/(pytest|_pytest|coverage|hypothesis|nose2?|pytest_[^/]*)[-/]|(^|\/)bin\/(pytest|py\.test|coverage)$|(^|\/)node_modules\/(jest|mocha|vitest|@jest)\//;

export const isTestArtifact = (path: string): boolean => testTool.test(path) || ((testFile.test(path) || testFolder.test(path)) && !publicPlace.test(path));
export const layerScanMatch = (path: string): boolean => isSecretFile(path) || isPipCache(path) || isTestArtifact(path);
