const express = require("express");

const PORT = 3000;
const app = express();

app.get("/", (_req, res) => {
  res.json({ msg: process.env.GREETING || "Hello" });
});

const server = app.listen(PORT, "0.0.0.0", () => {
  console.log(`listening on ${PORT}`);
});

// As PID 1, Node gets no default SIGTERM handling; close cleanly so `docker stop` doesn't wait 10 s and kill.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
