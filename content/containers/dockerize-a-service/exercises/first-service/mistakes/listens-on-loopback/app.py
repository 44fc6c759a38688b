"""Greeter: answers GET / with {"msg": <greeting>} as JSON."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/", methods=["GET"])
def greeting():
    # Read per request, so `docker run -e GREETING=...` changes the answer without a rebuild.
    message = os.environ.get("GREETING", "Hello")
    return jsonify(msg=message)


if __name__ == "__main__":
    # Only loopback: reachable from inside the container, never through -p.
    app.run(host="127.0.0.1", port=5000)
