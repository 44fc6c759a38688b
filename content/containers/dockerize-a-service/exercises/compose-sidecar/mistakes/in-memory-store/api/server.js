// Items API keeping its rows in a Map: quick to write, but every restart forgets them.
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const app = express();
app.use(express.json());

const items = new Map();
let nextId = 1;

app.get("/health", async (_req, res) => {
  try {
    await pool.query("SELECT 1");
    res.json({ status: "ok" });
  } catch (err) {
    res.status(503).json({ status: "no database", error: err.message });
  }
});

app.post("/items", (req, res) => {
  const { name } = req.body ?? {};
  if (typeof name !== "string" || name === "") return res.status(400).json({ error: "name is required" });
  const item = { id: nextId++, name };
  items.set(item.id, item);
  res.status(201).json(item);
});

app.get("/items/:id", (req, res) => {
  const item = items.get(Number(req.params.id));
  if (!item) return res.status(404).json({ error: "not found" });
  res.json(item);
});

app.put("/items/:id", (req, res) => {
  const item = items.get(Number(req.params.id));
  const { name } = req.body ?? {};
  if (!item) return res.status(404).json({ error: "not found" });
  if (typeof name !== "string" || name === "") return res.status(400).json({ error: "name is required" });
  item.name = name;
  res.json(item);
});

app.delete("/items/:id", (req, res) => {
  res.status(items.delete(Number(req.params.id)) ? 204 : 404).end();
});

const server = app.listen(8000, "0.0.0.0", () => console.log("items API listening on port 8000"));
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
