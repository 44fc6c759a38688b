# app.py
from flask import Flask
import os
app = Flask(__name__)
@app.get("/")
def hi():
    return {"msg": os.getenv("GREETING", "Hello" )}
if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
