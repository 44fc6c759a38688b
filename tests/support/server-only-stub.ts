// Stands in for the `server-only` package under vitest, where server modules legitimately run in Node.
export {};
