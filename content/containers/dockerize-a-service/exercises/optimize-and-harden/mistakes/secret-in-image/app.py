import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    # Read at request time, so `docker run -e GREETING=...` changes the answer without a rebuild.
    return {"msg": os.getenv("GREETING", "Hello")}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
