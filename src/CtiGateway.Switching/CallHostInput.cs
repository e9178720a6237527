using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>One input of a switch's call-model loop: everything that reads or changes the model goes through here.</summary>
internal sealed class CallHostInput
{
    private CallHostInput(CallHostInputKind kind) => Kind = kind;

    public CallHostInputKind Kind { get; }

    /// <summary>The link the message came from, or that came up.</summary>
    public string LinkName { get; private init; } = string.Empty;

    /// <summary>A switch message, an answer to a request, or a snapshot reply.</summary>
    public CstaMessage? Message { get; private init; }

    /// <summary>A client request.</summary>
    public TlibRequest? Request { get; private init; }

    /// <summary>The switch request an answer or failure belongs to.</summary>
    public PendingSwitchRequest? Pending { get; private init; }

    /// <summary>Why a switch request failed (timeout, link down).</summary>
    public Exception? Failure { get; private init; }

    /// <summary>The link that came up.</summary>
    public CstaTcpLink? Link { get; private init; }

    /// <summary>The device a snapshot reply is for (a DN).</summary>
    public string Device { get; private init; } = string.Empty;

    /// <summary>Work to run on the loop (listings for the control socket).</summary>
    public Action<SwitchCallModel>? Query { get; private init; }

    public static CallHostInput FromSwitch(string linkName, CstaMessage message) => new(CallHostInputKind.SwitchMessage) { LinkName = linkName, Message = message };

    public static CallHostInput FromClient(TlibRequest request) => new(CallHostInputKind.ClientRequest) { Request = request };

    public static CallHostInput Answer(PendingSwitchRequest pending, CstaMessage answer) => new(CallHostInputKind.SwitchAnswer) { Pending = pending, Message = answer };

    public static CallHostInput Failed(PendingSwitchRequest pending, Exception failure) => new(CallHostInputKind.SwitchAnswer) { Pending = pending, Failure = failure };

    public static CallHostInput Up(CstaTcpLink link) => new(CallHostInputKind.LinkUp) { Link = link, LinkName = link.Name };

    public static CallHostInput Down(string reason) => new(CallHostInputKind.LinkDown) { LinkName = reason };

    public static CallHostInput Snapshot(string linkName, string dn, CstaSnapshotDeviceResponse reply) => new(CallHostInputKind.SnapshotReply) { LinkName = linkName, Device = dn, Message = reply };

    public static CallHostInput Run(Action<SwitchCallModel> query) => new(CallHostInputKind.Query) { Query = query };
}
