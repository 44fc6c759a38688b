// Items API: create, read, update and delete rows of one table in PostgreSQL.
// pg reads PGHOST, PGUSER, PGPASSWORD and PGDATABASE from the environment, so no
// connection detail is written in this file or in the image.
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const app = express();
app.use(express.json());

app.get("/health", async (_req, res) => {
  try {
    await pool.query("SELECT 1");
    res.json({ status: "ok" });
  } catch (err) {
    res.status(503).json({ status: "no database", error: err.message });
  }
});

app.post("/items", async (req, res) => {
  const { name } = req.body ?? {};
  if (typeof name !== "string" || name === "") return res.status(400).json({ error: "name is required" });
  const { rows } = await pool.query("INSERT INTO items (name) VALUES ($1) RETURNING id, name", [name]);
  res.status(201).json(rows[0]);
});

app.get("/items/:id", async (req, res) => {
  const { rows } = await pool.query("SELECT id, name FROM items WHERE id = $1", [Number(req.params.id) || 0]);
  if (rows.length === 0) return res.status(404).json({ error: "not found" });
  res.json(rows[0]);
});

app.put("/items/:id", async (req, res) => {
  const { name } = req.body ?? {};
  if (typeof name !== "string" || name === "") return res.status(400).json({ error: "name is required" });
  const { rows } = await pool.query("UPDATE items SET name = $2 WHERE id = $1 RETURNING id, name", [Number(req.params.id) || 0, name]);
  if (rows.length === 0) return res.status(404).json({ error: "not found" });
  res.json(rows[0]);
});

app.delete("/items/:id", async (req, res) => {
  const { rowCount } = await pool.query("DELETE FROM items WHERE id = $1", [Number(req.params.id) || 0]);
  res.status(rowCount === 0 ? 404 : 204).end();
});

async function main() {
  await pool.query("CREATE TABLE IF NOT EXISTS items (id SERIAL PRIMARY KEY, name TEXT NOT NULL)");
  const server = app.listen(8000, "0.0.0.0", () => console.log("items API listening on port 8000"));
  // docker stop (and compose down) sends SIGTERM: finish the open requests, close the pool, exit.
  process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
}

main().catch((err) => {
  console.error("could not prepare the database:", err.message);
  process.exit(1);
});
