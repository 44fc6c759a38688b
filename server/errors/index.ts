export { AppError, errorStatus, isAppError, type ErrorCode } from "./app-error";
export { toAppError } from "./to-app-error";
export { errorResponse, handleErrors, type ErrorBody } from "./error-response";
export { runAction, type ActionResult } from "./action-result";
