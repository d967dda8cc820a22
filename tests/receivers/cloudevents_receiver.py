#!/usr/bin/env python3
"""A plain CloudEvents receiver built on the official CloudEvents SDK (PyPI
`cloudevents`), knowing nothing of Welkom: it takes only POST of
`application/cloudevents-batch+json`, validates every event of a batch with the SDK,
records each event's (source, id) and answers 202 without a body. A batch with an
invalid event is refused whole (400). Every other request gets 404.

It listens on 127.0.0.1 on the port given (0: any free one) and prints
`listening on PORT` as its first line. `GET /received` (for the test driving it)
answers the (source, id) pairs recorded so far, in order, as JSON.

    pip install cloudevents
    python3 cloudevents_receiver.py [PORT]
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:  # cloudevents 2.x
    from cloudevents.core.formats.json import JSONFormat
    from cloudevents.core.v1.event import CloudEvent

    def validate(member):
        """(specversion, source, id) of one member of a batch, read by the SDK;
        raises if it is not a valid CloudEvent."""
        event = JSONFormat().read(CloudEvent, json.dumps(member).encode("utf-8"))
        return event.get_specversion(), event.get_source(), event.get_id()

except ImportError:  # cloudevents 1.x
    from cloudevents.http import from_dict

    def validate(member):
        """(specversion, source, id) of one member of a batch, read by the SDK;
        raises if it is not a valid CloudEvent."""
        event = from_dict(member)
        return event["specversion"], event["source"], event["id"]


BATCH = "application/cloudevents-batch+json"
received = []
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # quiet: the test reads stdout
        pass

    def answer(self, status, body=b"", content_type="application/json"):
        self.send_response(status)
        if body:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        if self.path == "/received":
            with lock:
                body = json.dumps(received).encode("utf-8")
            self.answer(200, body)
        else:
            self.answer(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if content_type != BATCH:
            self.answer(415, f"expected {BATCH}".encode("utf-8"), "text/plain")
            return
        try:
            batch = json.loads(body)
            if not isinstance(batch, list):
                raise ValueError("a batch is a JSON array")
            events = []
            for member in batch:
                # The SDK makes up an id that is missing; a receiver must not.
                for required in ("specversion", "id", "source", "type"):
                    if not isinstance(member.get(required), str) or not member[required]:
                        raise ValueError(f"required attribute {required} is missing")
                specversion, source, id = validate(member)
                if specversion != "1.0":
                    raise ValueError("specversion is not 1.0")
                events.append((source, id))
        except Exception as e:  # the SDK's validation errors and bad JSON alike
            self.answer(400, f"invalid batch: {e}".encode("utf-8"), "text/plain")
            return
        with lock:
            received.extend([source, id] for source, id in events)
        self.answer(202)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    print(f"listening on {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
