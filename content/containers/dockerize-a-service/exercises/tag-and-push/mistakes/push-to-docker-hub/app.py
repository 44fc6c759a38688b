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
    # All interfaces: a server on 127.0.0.1 inside a container is unreachable through -p.
    app.run(host="0.0.0.0", port=5000)
