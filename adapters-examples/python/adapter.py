#!/usr/bin/env python3
"""A minimal OBP Kafka adapter (kafka_vMay2019) in Python with confluent-kafka.

Answers getAdapterInfo, getBanks and getBank from a one-bank in-memory "core banking system",
and dynamicEntityProcess (the records of the dynamic entities an operator routes here, in
memory); every other message gets OBP-60015 (function not implemented). It shows that the protocol is
language independent: read OutBound<Method> JSON from the request topic, write InBound<Method>
JSON to the response topic with the same record key.

    pip install confluent-kafka
    python3 adapter.py --bootstrap 127.0.0.1:9092 --instance obp-api
"""
import argparse
import datetime
import json
import sys

from confluent_kafka import Consumer, Producer

BANK = {
    "bankId": {"value": "python.bank.1"},
    "shortName": "Python Bank",
    "fullName": "Example Python Adapter Bank",
    "logoUrl": "https://example.com/logo.png",
    "websiteUrl": "https://example.com",
    "bankRoutingScheme": "BIC",
    "bankRoutingAddress": "PYTHGB2L",
    "swiftBic": "PYTHGB2L",
    "nationalIdentifier": "",
}


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def inbound(outbound, data=None, error_code="", text=""):
    """The InBound envelope answering `outbound`: echo the correlation id, then status and data."""
    call = outbound.get("outboundAdapterCallContext", {})
    messages = []
    if error_code:
        messages = [{"source": "python-adapter", "status": "error",
                     "errorCode": error_code, "text": text}]
    return {
        "inboundAdapterCallContext": {"correlationId": call.get("correlationId", "")},
        "status": {"errorCode": error_code, "backendMessages": messages},
        "data": data,
    }


RECORDS = []   # (entity, bank or None, owner or None, record), record = fields + its id field


def id_field(entity):
    """OBP's id field of an entity: FooBar -> foo_bar_id."""
    out = ""
    for i, c in enumerate(entity):
        if c == "-":
            out += "_"
            continue
        if c.isupper() and i > 0 and (entity[i - 1].islower() or entity[i - 1].isdigit()):
            out += "_"
        out += c.lower()
    return out + "_id"


def matches(value, text):
    """Whether a stored field equals a query value (text as is, numbers and booleans as JSON)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value == text
    try:
        return json.loads(text) == value and type(json.loads(text)) is type(value)
    except ValueError:
        return False


def dynamic_entity_process(outbound):
    """GET_ALL (filters and limit/offset in queryParameters), GET_ONE, CREATE, UPDATE, DELETE."""
    entity, bank = outbound["entityName"], outbound.get("bankId")
    owner = outbound.get("userId") if outbound.get("isPersonalEntity") else None
    key, wanted = id_field(entity), outbound.get("entityId")
    mine = [r for r in RECORDS if r[:3] == (entity, bank, owner)]
    op = outbound["operation"]
    if op == "GET_ALL":
        params = dict(outbound.get("queryParameters") or {})
        limit = int((params.pop("limit", None) or ["1000"])[0])
        offset = int((params.pop("offset", None) or ["0"])[0])
        found = [r[3] for r in mine
                 if all(matches(r[3].get(k), v) for k, vs in params.items() for v in vs)]
        return inbound(outbound, found[offset:offset + limit])
    if op == "CREATE":
        RECORDS.append((entity, bank, owner, outbound["requestBody"]))
        return inbound(outbound, outbound["requestBody"])
    match = [r for r in mine if r[3].get(key) == wanted]
    if op == "DELETE":
        for r in match:
            RECORDS.remove(r)
        return inbound(outbound, bool(match))
    if not match:
        return inbound(outbound, error_code="OBP-09005", text=f"Entity not found: {wanted}")
    if op == "UPDATE":
        record = dict(outbound["requestBody"], **{key: wanted})
        RECORDS[RECORDS.index(match[0])] = (entity, bank, owner, record)
        return inbound(outbound, record)
    return inbound(outbound, match[0][3])


def answer(method, outbound):
    if method == "getAdapterInfo":
        return inbound(outbound, {"errorCode": "", "backendMessages": [], "name": "obp-python-adapter",
                                  "version": "0.1.0", "git_commit": "", "date": now()})
    if method == "getBanks":
        return inbound(outbound, [BANK])
    if method == "getBank":
        if outbound.get("bankId", {}).get("value") == BANK["bankId"]["value"]:
            return inbound(outbound, BANK)
        return inbound(outbound, error_code="OBP-30001", text="Bank not found")
    if method == "dynamicEntityProcess":
        return dynamic_entity_process(outbound)
    return inbound(outbound, error_code="OBP-60015", text=f"{method} is not implemented by this adapter")


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--bootstrap", default="localhost:9092")
    args.add_argument("--instance", default="obp-api", help="the platform's kafka_connector.instance_id")
    args.add_argument("--group", default="obp-python-adapter")
    opts = args.parse_args()

    prefix = f"from.obp.api.{opts.instance}.to.adapter.mf.caseclass.OutBound"
    consumer = Consumer({
        "bootstrap.servers": opts.bootstrap,
        "group.id": opts.group,
        "auto.offset.reset": "earliest",
        "fetch.wait.max.ms": 1,                       # answer without waiting for the long poll
        "topic.metadata.refresh.interval.ms": 1000,   # find the platform's topics quickly
    })
    producer = Producer({"bootstrap.servers": opts.bootstrap, "linger.ms": 0})
    consumer.subscribe(["^" + prefix.replace(".", "\\.") + ".*"])   # a regex: every request topic
    print(f"python adapter: answering {prefix}* on {opts.bootstrap}", file=sys.stderr, flush=True)
    try:
        while True:
            msg = consumer.poll(0.1)
            if msg is None or msg.error():
                continue
            message_class = msg.topic()[len(prefix) - len("OutBound"):]   # OutBoundGetBank
            name = message_class[len("OutBound"):]
            method = name[:1].lower() + name[1:]                        # getBank
            reply = answer(method, json.loads(msg.value()))
            producer.produce(f"to.obp.api.{opts.instance}.caseclass.{message_class}",
                             key=msg.key(), value=json.dumps(reply, separators=(",", ":")))
            producer.poll(0)
    except KeyboardInterrupt:
        pass
    finally:
        producer.flush(5)
        consumer.close()


if __name__ == "__main__":
    main()
