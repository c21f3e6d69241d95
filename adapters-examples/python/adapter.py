#!/usr/bin/env python3
"""A minimal OBP Kafka adapter (kafka_vMay2019) in Python with confluent-kafka.

Answers getAdapterInfo, getBanks and getBank from a one-bank in-memory "core banking system";
every other message gets OBP-60015 (function not implemented). It shows that the protocol is
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
