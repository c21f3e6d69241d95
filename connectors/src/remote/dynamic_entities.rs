//! `dynamicEntityProcess` over a message transport: the call as OBP sends it, and the reply's
//! `data` checked against the shape its operation promises.

use obp_domain::context::CallContext;
use obp_domain::message::{
    DynamicEntityCall, DynamicEntityOperation, OutBoundDynamicEntityProcess,
};
use serde_json::Value;

use super::{invalid_response, octx, RemoteConnector, Transport};
use crate::error::ConnectorResult;
use crate::method::Method;

/// Whether `data` has the shape `operation` answers with.
pub(crate) fn shape_fits(operation: DynamicEntityOperation, data: &Value) -> bool {
    match operation {
        DynamicEntityOperation::GetAll => data
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_object)),
        DynamicEntityOperation::GetOne
        | DynamicEntityOperation::Create
        | DynamicEntityOperation::Update => data.is_object(),
        DynamicEntityOperation::Delete => data.is_boolean(),
    }
}

pub(super) async fn dynamic_entity_process<T: Transport>(
    c: &RemoteConnector<T>,
    ctx: &CallContext,
    call: DynamicEntityCall,
) -> ConnectorResult<Value> {
    let operation = call.operation;
    let out = OutBoundDynamicEntityProcess {
        outbound_adapter_call_context: octx(ctx),
        call,
    };
    let data: Value = c.call(ctx, Method::DynamicEntityProcess, &out).await?;
    if shape_fits(operation, &data) {
        Ok(data)
    } else {
        Err(invalid_response(
            Method::DynamicEntityProcess,
            format!("{operation:?} answered data of the wrong shape"),
        ))
    }
}
