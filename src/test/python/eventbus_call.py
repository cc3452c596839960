#!/usr/bin/env python3
"""Calls one service-proxy method through Vert.x's TCP event-bus bridge, with the standard library only.

    eventbus_call.py HOST PORT ADDRESS ACTION BODY_JSON

Prints the bridge's answer to the request, one JSON frame on one line: {"type": "message", "body": ...} for a
reply, {"type": "err", "failureCode": ..., "message": ...} for a failure or a refusal. See docs/EVENTBUS.md.
"""

import json
import socket
import struct
import sys
import uuid

TIMEOUT_SECONDS = 20


def write_frame(connection, frame):
    data = json.dumps(frame).encode("utf-8")
    connection.sendall(struct.pack(">I", len(data)) + data)


def read_exactly(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise ConnectionError("the bridge closed the connection")
        data += chunk
    return data


def read_frame(connection):
    (length,) = struct.unpack(">I", read_exactly(connection, 4))
    return json.loads(read_exactly(connection, length).decode("utf-8"))


def call(host, port, address, action, body):
    """The frame answering one request: its reply, or an error frame (which a refusal carries no address in)."""
    reply_address = "python." + uuid.uuid4().hex
    with socket.create_connection((host, port), timeout=TIMEOUT_SECONDS) as connection:
        write_frame(connection, {
            "type": "send",
            "address": address,
            "headers": {"action": action},
            "body": body,
            "replyAddress": reply_address,
        })
        while True:
            frame = read_frame(connection)
            if frame.get("address") == reply_address or (frame.get("type") == "err" and "address" not in frame):
                return frame


def main(args):
    if len(args) != 5:
        sys.exit(__doc__)
    host, port, address, action, body = args
    print(json.dumps(call(host, int(port), address, action, json.loads(body))))


if __name__ == "__main__":
    main(sys.argv[1:])
