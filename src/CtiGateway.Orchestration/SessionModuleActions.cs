using System.Text.Json.Nodes;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>
/// The <c>session:</c> module. <c>session:fetch</c> (an HTTP fetch by the session) is not offered: the appliance runs
/// strategies with no outside network access. It answers <c>error.session.fetch</c> at once.
/// </summary>
internal sealed class SessionModuleActions : IScxmlActionHandler
{
    public string Namespace => "http://www.genesyslab.com/modules/session";

    public void Execute(ScxmlActionContext context)
    {
        var requestId = ActionSupport.AssignRequestId(context);
        context.Raise("error.session." + context.LocalName, new JsonObject
        {
            ["requestid"] = requestId,
            ["error"] = "unsupported",
            ["description"] = $"session:{context.LocalName} is not supported on this platform: strategies run with no outside network access (line {context.Line})",
        }.ToJsonString());
    }
}
