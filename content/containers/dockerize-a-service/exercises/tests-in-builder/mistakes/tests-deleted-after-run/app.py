"""Greeter: answers GET / with {"msg": <greeting>} as JSON, and GET /healthz with {"status": "ok"}."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


def greeting_for(name):
    """The message the service sends; kept apart from the route so the tests can call it directly."""
    base = os.environ.get("GREETING", "Hello")
    return f"{base}, {name}!" if name else base


@app.route("/", methods=["GET"])
def greeting():
    return jsonify(msg=greeting_for(None))


@app.route("/healthz", methods=["GET"])
def healthz():
    return jsonify(status="ok")


if __name__ == "__main__":
    # All interfaces: a server on 127.0.0.1 inside a container is unreachable through -p.
    app.run(host="0.0.0.0", port=5000)
