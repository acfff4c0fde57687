"""Starts moto's server with DynamoDB's TransactWriteItems made isolated and cheap.

moto 5.2.5 copies every table of a transaction once per action (deepcopy) before applying it, and
on a cancellation puts the copies back: concurrent requests then fail with "dictionary changed
size during iteration" (HTTP 500), writes made by other requests meanwhile are lost, and a
transaction costs time in proportion to the table's size. Here a transaction checks all its
conditions first and writes only if they all hold, under one lock that the single-item writes take
too, as DynamoDB's serializable transactions behave. Arguments are moto.server's.
"""

import sys
import threading

from moto.dynamodb import models
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)

_LOCK = threading.RLock()
_Backend = models.DynamoDBBackend


def _locked(method):
    def call(self, *args, **kwargs):
        with _LOCK:
            return method(self, *args, **kwargs)

    return call


for _name in ("put_item", "delete_item", "update_item", "batch_write_item"):
    if hasattr(_Backend, _name):
        setattr(_Backend, _name, _locked(getattr(_Backend, _name)))


def _transact_write_items(self, transact_items):
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    with _LOCK:
        seen = set()
        errors = []
        actions = []
        for entry in transact_items:
            if len(entry) > 1:
                raise TransactWriteSingleOpException
            op_type, op = next(iter(entry.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            table = self.get_table(table_name)
            if op_type == "Put":
                attrs = op["Item"]
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            unique = (str(table_name), str(dict(sorted(key.items()))))
            if unique in seen:
                raise MultipleTransactionsException()
            seen.add(unique)
            current = self.get_item(table_name, key)
            condition = op.get("ConditionExpression")
            failed = None
            if condition is not None and not get_filter_expression(
                condition,
                op.get("ExpressionAttributeNames"),
                op.get("ExpressionAttributeValues"),
            ).expr(current):
                old = None
                if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                    old = current.to_json()["Attributes"]
                failed = ("ConditionalCheckFailed", "The conditional request failed", old)
            errors.append(failed or (None, None, None))
            actions.append((op_type, op, table_name, key))
        if any(code is not None for code, _, _ in errors):
            raise TransactionCanceledException(errors)
        for op_type, op, table_name, key in actions:
            if op_type == "Put":
                self.put_item(table_name, op["Item"])
            elif op_type == "Delete":
                self.delete_item(table_name, key)
            elif op_type == "Update":
                self.update_item(
                    table_name,
                    key,
                    update_expression=op["UpdateExpression"],
                    expression_attribute_names=op.get("ExpressionAttributeNames"),
                    expression_attribute_values=op.get("ExpressionAttributeValues"),
                )


_Backend.transact_write_items = _transact_write_items

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
