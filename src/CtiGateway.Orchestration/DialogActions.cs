using System.Text.Json.Nodes;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>
/// The <c>dialog:</c> module (treatments: playsound, playandcollect, runtreatments, start...). The gateway's switches
/// offer no media treatments to strategies, so every action answers <c>error.dialog.ACTION</c> at once saying so, with
/// its requestid, and the strategy's error path runs.
/// </summary>
internal sealed class DialogActions : IScxmlActionHandler
{
    public string Namespace => "http://www.genesyslab.com/modules/dialog";

    public void Execute(ScxmlActionContext context)
    {
        var requestId = ActionSupport.AssignRequestId(context);
        context.Raise("error.dialog." + context.LocalName, new JsonObject
        {
            ["requestid"] = requestId,
            ["error"] = "unsupported",
            ["description"] = $"dialog:{context.LocalName} is not supported on this platform: the switch profiles offer no treatments to strategies (line {context.Line})",
        }.ToJsonString());
    }
}
