#!/usr/bin/python3
"""Talks to Keyflow's KMIP port with PyKMIP: a small example to copy.

Usage:
  kmip-client.py [--host HOST] [--port PORT] [--cert FILE] [--key FILE] [--ca FILE]
                 [--version 1.0|1.1|1.2|1.3|1.4|2.0] COMMAND

Commands:
  versions   Discover Versions: the KMIP versions Keyflow and this client both speak
  query      Query: the operations and object types Keyflow serves, its vendor and server information
  register   Register a key made here: Keyflow refuses it (keys are generated in its HSM)

Options (defaults in brackets):
  --host     the Keyflow server [localhost]
  --port     its KMIP port, keyflow.kmip.port [5696]
  --cert     this system's client certificate, as an officer registered it [system.crt]
  --key      the certificate's private key (PEM, unencrypted) [system.key]
  --ca       the KMIP port's certificate; the demo writes it to ./data/kmip-tls.crt [kmip-tls.crt]
  --version  the KMIP version to write requests in [1.2, PyKMIP's default]

Exit status: 0 done; 1 Keyflow refused (result reason and message on stderr); 2 usage error;
3 no connection (TLS refused, port closed).

Needs PyKMIP for /usr/bin/python3 (Debian: apt-get install python3-pykmip).
"""
import argparse
import enum
import sys

from kmip.core import enums
from kmip.pie import client as pie
from kmip.pie import exceptions as pie_exceptions
from kmip.pie import objects

VERSIONS = {
    "1.0": enums.KMIPVersion.KMIP_1_0,
    "1.1": enums.KMIPVersion.KMIP_1_1,
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.3": enums.KMIPVersion.KMIP_1_3,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}


def refused(result):
    reason = result.result_reason.value.name if result.result_reason else "?"
    message = result.result_message.value if result.result_message else ""
    print("refused: {0}: {1}".format(reason, message), file=sys.stderr)
    return 1


def name(item, enumeration):
    """The name of an enumeration value, however PyKMIP wraps it."""
    value = getattr(item, "value", item)
    if isinstance(value, enum.Enum):
        return value.name
    return enumeration(value).name


def succeeded(result):
    return result.result_status.value == enums.ResultStatus.SUCCESS


def versions(client):
    try:
        result = client.proxy.discover_versions()
    except AttributeError:
        # PyKMIP 0.10 cannot read a refused Discover Versions (it looks for the missing payload);
        # Query reads the same refusal with its reason and message.
        print("refused: run 'query' to see why", file=sys.stderr)
        return 1
    if not succeeded(result):
        return refused(result)
    print("versions: " + " ".join(
        "{0}.{1}".format(v.major, v.minor) for v in result.protocol_versions))
    return 0


def query(client):
    result = client.proxy.query(query_functions=[
        enums.QueryFunction.QUERY_OPERATIONS,
        enums.QueryFunction.QUERY_OBJECTS,
        enums.QueryFunction.QUERY_SERVER_INFORMATION,
    ])
    if not succeeded(result):
        return refused(result)
    print("operations: " + ", ".join(name(o, enums.Operation) for o in result.operations or []))
    print("object types: " + ", ".join(name(o, enums.ObjectType) for o in result.object_types or []))
    vendor = result.vendor_identification
    print("vendor: " + (getattr(vendor, "value", vendor) if vendor is not None else ""))
    return 0


def register(client):
    key = objects.SymmetricKey(enums.CryptographicAlgorithm.AES, 128, b"\x00" * 16)
    try:
        uid = client.register(key)
    except pie_exceptions.KmipOperationFailure as failure:
        print("refused: {0}: {1}".format(failure.reason.name, failure.message), file=sys.stderr)
        return 1
    print("registered: " + uid)
    return 0


COMMANDS = {"versions": versions, "query": query, "register": register}


def main():
    parser = argparse.ArgumentParser(
        description="Talks to Keyflow's KMIP port with PyKMIP.", add_help=True)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=5696)
    parser.add_argument("--cert", default="system.crt")
    parser.add_argument("--key", default="system.key")
    parser.add_argument("--ca", default="kmip-tls.crt")
    parser.add_argument("--version", choices=sorted(VERSIONS), default="1.2")
    parser.add_argument("command", choices=sorted(COMMANDS))
    arguments = parser.parse_args()

    client = pie.ProxyKmipClient(
        hostname=arguments.host,
        port=arguments.port,
        cert=arguments.cert,
        key=arguments.key,
        ca=arguments.ca,
        ssl_version="PROTOCOL_SSLv23",
        config_file="/dev/null",
        kmip_version=VERSIONS[arguments.version])
    try:
        client.open()
    except Exception as error:  # PyKMIP wraps TLS and socket errors in several types
        print("no connection to {0}:{1}: {2}".format(
            arguments.host, arguments.port, error), file=sys.stderr)
        return 3
    try:
        return COMMANDS[arguments.command](client)
    except OSError as error:
        print("no answer from {0}:{1}: {2}".format(
            arguments.host, arguments.port, error), file=sys.stderr)
        return 3
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
