#!/usr/bin/env python3
"""Independent OpenScape-Voice-style CSTA-XML client for the CtiGateway PBX simulator.

Written from ../shared/reference/switch.md sections 1.2-1.4 only; it shares no code with the
simulator. Standard library only (socket, struct, xml.etree).

Wire framing (switch.md 1.2): 00 00, u16 big-endian total length (8 + XML byte length),
4 ASCII decimal digits of invoke id, then the UTF-8 XML body. Events use invoke id 9999.

Start-up (switch.md 1.3, OSV style): the switch sends SystemStatus first; the application answers
SystemStatusResponse with the same invoke id, then sends SystemRegister, then MonitorStart per DN.

Scenario: monitor 5001 and 5002, MakeCall 5001 -> 5002, wait for Delivered on both monitors,
AnswerCall at 5002, wait for Established on both, ClearConnection at 5001, wait for
ConnectionCleared on both. Exit 0 on success; exit 1 with a message on any deviation or timeout.
"""

import argparse
import socket
import struct
import sys
import time
import xml.etree.ElementTree as ET

ED4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4"
EVENT_INVOKE_ID = 9999
TIMEOUT_SECONDS = 10.0
CALLING_DN = "5001"
CALLED_DN = "5002"


class Deviation(Exception):
    """The switch did something the scenario did not expect."""


def local_name(tag):
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def find_child(element, name):
    """First descendant (any depth) whose local name is `name`, or None."""
    for child in element.iter():
        if child is not element and local_name(child.tag) == name:
            return child
    return None


def child_text(element, name):
    child = find_child(element, name)
    return None if child is None or child.text is None else child.text.strip()


def xml_escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


class Frame:
    def __init__(self, invoke_id, body):
        self.invoke_id = invoke_id
        self.body = body
        try:
            self.root = ET.fromstring(body)
        except ET.ParseError as error:
            raise Deviation("unparseable XML from switch (invoke id %04d): %s: %r"
                            % (invoke_id, error, body[:200])) from error
        self.name = local_name(self.root.tag)
        self.namespace = namespace(self.root.tag)


class CstaLink:
    def __init__(self, host, port, deadline):
        self.deadline = deadline
        self.sock = socket.create_connection((host, port), timeout=self.remaining())
        self.buffer = b""
        self.next_invoke_id = 1
        self.pending = []

    def remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Deviation("timeout: scenario did not complete within %.0f s" % TIMEOUT_SECONDS)
        return left

    def close(self):
        self.sock.close()

    def allocate_invoke_id(self):
        invoke_id = self.next_invoke_id
        # never use 9999 (reserved for events), wrap after 9998
        self.next_invoke_id = self.next_invoke_id % 9998 + 1
        return invoke_id

    def send(self, invoke_id, body):
        data = body.encode("utf-8")
        length = 8 + len(data)
        if length > 0xFFFF:
            raise Deviation("request too large for CSTA-XML framing: %d bytes" % length)
        header = struct.pack(">HH", 0, length) + ("%04d" % invoke_id).encode("ascii")
        self.sock.sendall(header + data)
        print(">> %04d %s" % (invoke_id, ET.fromstring(body).tag.rsplit("}", 1)[-1]))

    def read_exact(self, count):
        while len(self.buffer) < count:
            self.sock.settimeout(self.remaining())
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout as error:
                raise Deviation("timeout: scenario did not complete within %.0f s"
                                % TIMEOUT_SECONDS) from error
            if not chunk:
                raise Deviation("switch closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def read_frame(self):
        header = self.read_exact(8)
        version, length = struct.unpack(">HH", header[:4])
        if version != 0:
            raise Deviation("bad frame header: first two bytes %r, expected 00 00" % header[:2])
        if length < 8:
            raise Deviation("bad frame header: length %d is smaller than the 8-byte header"
                            % length)
        invoke_text = header[4:8].decode("ascii", errors="replace")
        if not invoke_text.isdigit():
            raise Deviation("bad frame header: invoke id %r is not 4 ASCII digits" % invoke_text)
        body = self.read_exact(length - 8).decode("utf-8")
        frame = Frame(int(invoke_text), body)
        if frame.namespace != ED4:
            raise Deviation("%s uses namespace %r, expected the ed4 namespace %r"
                            % (frame.name, frame.namespace, ED4))
        print("<< %04d %s" % (frame.invoke_id, frame.name))
        return frame

    def next_frame(self):
        if self.pending:
            return self.pending.pop(0)
        return self.read_frame()

    def request(self, body):
        """Send a request and wait for its response; events arriving meanwhile are kept."""
        invoke_id = self.allocate_invoke_id()
        request_name = local_name(ET.fromstring(body).tag)
        self.send(invoke_id, body)
        kept = []
        try:
            while True:
                frame = self.read_frame()
                if frame.invoke_id == EVENT_INVOKE_ID:
                    kept.append(frame)
                    continue
                if frame.invoke_id != invoke_id:
                    raise Deviation("%s arrived with invoke id %04d while waiting for the answer "
                                    "to %s (invoke id %04d)" % (frame.name, frame.invoke_id,
                                                                request_name, invoke_id))
                if frame.name == request_name + "Response":
                    return frame
                if frame.name in ("CSTAErrorCode", "ErrorValue") or "Error" in frame.name:
                    raise Deviation("%s was rejected: %s" % (request_name, frame.body))
                raise Deviation("expected %sResponse, got %s" % (request_name, frame.name))
        finally:
            self.pending.extend(kept)

    def wait_events(self, expected, what):
        """Wait for a set of (event name, monitorCrossRefID) pairs; returns them by key.

        Events that are not expected (e.g. ServiceInitiated, Originated) are printed and skipped;
        the expected ones may come in any order, each exactly once.
        """
        missing = set(expected)
        seen = {}
        while missing:
            frame = self.next_frame()
            if frame.invoke_id != EVENT_INVOKE_ID:
                raise Deviation("unexpected %s with invoke id %04d while waiting for %s "
                                "(events use 9999)" % (frame.name, frame.invoke_id, what))
            cross_ref = child_text(frame.root, "monitorCrossRefID")
            if cross_ref is None:
                raise Deviation("%s carries no monitorCrossRefID" % frame.name)
            key = (frame.name, cross_ref)
            if key in missing:
                missing.discard(key)
                seen[key] = frame
                print("   got %s on monitor %s" % (frame.name, cross_ref))
            elif key in seen:
                raise Deviation("%s repeated on monitor %s" % key)
            elif frame.name == "FailedEvent" or (
                    frame.name == "ConnectionClearedEvent"
                    and all(name != frame.name for name, _ in expected)):
                raise Deviation("unexpected %s while waiting for %s: %s"
                                % (frame.name, what, frame.body))
            else:
                print("   (also %s on monitor %s)" % (frame.name, cross_ref))
        return seen


def connection_xml(element_name, call_id, device_id):
    return ("<%s><callID>%s</callID><deviceID>%s</deviceID></%s>"
            % (element_name, xml_escape(call_id), xml_escape(device_id), element_name))


def parse_connection(element, what):
    if element is None:
        raise Deviation("%s is missing" % what)
    call_id = child_text(element, "callID")
    device_id = child_text(element, "deviceID")
    if not call_id or not device_id:
        raise Deviation("%s lacks callID or deviceID: %s" % (what, ET.tostring(element, "unicode")))
    return call_id, device_id


def run(host, port):
    deadline = time.monotonic() + TIMEOUT_SECONDS
    link = CstaLink(host, port, deadline)
    try:
        print("step 1: connected to %s:%d, waiting for the switch's SystemStatus" % (host, port))
        first = link.read_frame()
        if first.name != "SystemStatus":
            raise Deviation("the switch must send SystemStatus first, got %s" % first.name)
        status = child_text(first.root, "systemStatus")
        if status != "normal":
            raise Deviation("SystemStatus reports %r, expected 'normal'" % status)
        if first.invoke_id == EVENT_INVOKE_ID:
            raise Deviation("SystemStatus is a request and must not use the event invoke id 9999")

        print("step 2: answering SystemStatusResponse with the same invoke id %04d"
              % first.invoke_id)
        link.send(first.invoke_id, '<?xml version="1.0" encoding="UTF-8"?>'
                  '<SystemStatusResponse xmlns="%s"/>' % ED4)

        print("step 3: SystemRegister")
        register = link.request(
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<SystemRegister xmlns="%s"><requestTypes><systemStatus>true</systemStatus>'
            '<requestSystemStatus>false</requestSystemStatus></requestTypes></SystemRegister>'
            % ED4)
        if not child_text(register.root, "sysStatRegisterID"):
            raise Deviation("SystemRegisterResponse has no sysStatRegisterID")

        monitors = {}
        for dn in (CALLING_DN, CALLED_DN):
            print("step 4: MonitorStart %s" % dn)
            response = link.request(
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<MonitorStart xmlns="%s"><monitorObject>'
                '<deviceObject typeOfNumber="dialingNumber">%s</deviceObject>'
                '</monitorObject></MonitorStart>' % (ED4, dn))
            cross_ref = child_text(response.root, "monitorCrossRefID")
            if not cross_ref:
                raise Deviation("MonitorStartResponse for %s has no monitorCrossRefID" % dn)
            if cross_ref in monitors.values():
                raise Deviation("MonitorStartResponse for %s reuses monitorCrossRefID %s"
                                % (dn, cross_ref))
            monitors[dn] = cross_ref
            print("   monitor %s -> monitorCrossRefID %s" % (dn, cross_ref))
        mon_a, mon_b = monitors[CALLING_DN], monitors[CALLED_DN]

        print("step 5: MakeCall %s -> %s" % (CALLING_DN, CALLED_DN))
        made = link.request(
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<MakeCall xmlns="%s">'
            '<callingDevice typeOfNumber="explicitPublic:subscriber">%s</callingDevice>'
            '<calledDirectoryNumber typeOfNumber="explicitPublic:subscriber">%s'
            '</calledDirectoryNumber></MakeCall>' % (ED4, CALLING_DN, CALLED_DN))
        call_id, calling_device = parse_connection(find_child(made.root, "callingDevice"),
                                                   "MakeCallResponse callingDevice")
        print("   callID %s, calling connection device %s" % (call_id, calling_device))

        print("step 6: waiting for DeliveredEvent on both monitors")
        delivered = link.wait_events({("DeliveredEvent", mon_a), ("DeliveredEvent", mon_b)},
                                     "DeliveredEvent")
        b_event = delivered[("DeliveredEvent", mon_b)]
        b_call_id, b_device = parse_connection(find_child(b_event.root, "connection"),
                                               "DeliveredEvent connection on %s" % CALLED_DN)
        if b_call_id != call_id:
            raise Deviation("DeliveredEvent at %s names callID %s, MakeCall returned %s"
                            % (CALLED_DN, b_call_id, call_id))
        state = child_text(b_event.root, "localConnectionInfo")
        if state is not None and state != "alerting":
            raise Deviation("DeliveredEvent at %s has localConnectionInfo %r, expected alerting"
                            % (CALLED_DN, state))

        print("step 7: AnswerCall at %s" % CALLED_DN)
        link.request('<?xml version="1.0" encoding="UTF-8"?>'
                     '<AnswerCall xmlns="%s">%s</AnswerCall>'
                     % (ED4, connection_xml("callToBeAnswered", call_id, b_device)))

        print("step 8: waiting for EstablishedEvent on both monitors")
        link.wait_events({("EstablishedEvent", mon_a), ("EstablishedEvent", mon_b)},
                         "EstablishedEvent")

        print("step 9: ClearConnection at %s" % CALLING_DN)
        link.request('<?xml version="1.0" encoding="UTF-8"?>'
                     '<ClearConnection xmlns="%s">%s</ClearConnection>'
                     % (ED4, connection_xml("connectionToBeCleared", call_id, calling_device)))

        print("step 10: waiting for ConnectionClearedEvent on both monitors")
        link.wait_events({("ConnectionClearedEvent", mon_a), ("ConnectionClearedEvent", mon_b)},
                         "ConnectionClearedEvent")
        print("OK: OSV start-up, two monitors, MakeCall/AnswerCall/ClearConnection completed")
        return 0
    finally:
        link.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    try:
        return run(args.host, args.port)
    except Deviation as error:
        print("FAIL: %s" % error, file=sys.stderr)
        return 1
    except OSError as error:
        print("FAIL: socket error talking to %s:%d: %s" % (args.host, args.port, error),
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
