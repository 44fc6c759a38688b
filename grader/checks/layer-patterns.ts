// Files that must not sit in the learner's own image layers. Vendored certificates inside installed packages
// (certifi's cacert.pem and the like) are public, not secrets.
const secretName = /(^|\/)(\.env(\.[^/]*)?|id_(rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|[^/]+\.(pem|key|p12|pfx))$/;
const publicPlace = /(^|\/)(site-packages|dist-packages|node_modules|usr\/share|etc\/ssl)\//;

export const isSecretFile = (path: string): boolean => secretName.test(path) && !publicPlace.test(path) && !path.endsWith(".env.example");
export const isPipCache = (path: string): boolean => path.includes(".cache/pip/");
export const layerScanMatch = (path: string): boolean => isSecretFile(path) || isPipCache(path);
