"""Unit tests of the greeter, run with the standard library: python -m unittest discover -s tests"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from app import app, greeting_for  # noqa: E402


class GreetingTest(unittest.TestCase):
    def setUp(self):
        os.environ.pop("GREETING", None)
        self.client = app.test_client()

    def test_default_greeting(self):
        self.assertEqual(greeting_for(None), "Hello")

    def test_greeting_names_someone(self):
        os.environ["GREETING"] = "Hi"
        self.assertEqual(greeting_for("Ada"), "Hi, Ada!")

    def test_root_answers_json(self):
        answer = self.client.get("/")
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(answer.get_json(), {"msg": "Hello"})

    def test_health_endpoint(self):
        self.assertEqual(self.client.get("/healthz").get_json(), {"status": "ok"})


if __name__ == "__main__":
    unittest.main()
