// Imported first by requests.integration.test.ts: points the web's GRADER_URL at a loopback listener that test
// runs, so any grading a request starts is seen there (and nothing leaves this machine).
export const graderListenerPort = 4401;
/** What was there before, for afterAll to put back (a worker process runs other test files after this one). */
export const previousGraderEnv = { GRADER_URL: process.env.GRADER_URL, GRADER_TOKEN: process.env.GRADER_TOKEN };
process.env.GRADER_URL = `http://127.0.0.1:${graderListenerPort}`;
process.env.GRADER_TOKEN = "security-tests-grader-token-0123456789";
