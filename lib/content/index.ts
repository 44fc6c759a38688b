export * from "./course-schema";
export * from "./lesson-schema";
export * from "./quiz-schema";
