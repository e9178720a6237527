namespace CtiGateway.Cli;

/// <summary>The help texts.</summary>
internal static class Usage
{
    public const string General = """
        Usage: ctigw [--server HOST:PORT] COMMAND [ARGS]

        Commands:
          server-info                  print the server version, role and the state of each switch link
          monitor DN [DN...] [--json]  register the DNs and print every event until Ctrl-C or SIGTERM
          request MESSAGE [Attr=value ...] [--json]
                                       send one request and print the response event
          bench fanout [--clients N] [--dns M] [--seconds S] [--size BYTES]
                                       load generator for event distribution
          bench calls [--cps N] [--dns M] [--clients K] [--seconds S] [--strategy FILE]
                                       load generator for call traffic (simulator, gateway and clients on this host);
                                       --strategy FILE routes every call through a session of FILE at route point 3001
          bench query [--connections N] [--first-dn DN] [--dns M] [--seconds S] [--type INFOTYPE]
                                       load generator for RequestQueryAddress answered from the gateway's state
          bench route [--rps N] [--seconds S]
                                       load generator for route point 3001 and its router (simulator, gateway, router)
          profile validate FILE...     check firmware profiles (problems on stderr as FILE:LINE:COL: message)
          status [--control PATH] [--json]
                                       the daemon's state over its local control socket (not the T-Library port)
          calls [--control PATH] [--json]
                                       the live calls over the daemon's local control socket
          sessions [show ID | kill ID] [--control PATH] [--json]
                                       the live orchestration sessions over the control socket; show or end one
          simulate --profile FILE (--listen HOST:PORT | --serial DEVICE) [--calls-per-second N] [--max-calls N] [traffic options]
                                       run the PBX simulator (switch side of a link) until Ctrl-C or SIGTERM
          scxml run FILE [--timeout S] [--json] [--dialect w3c|ors]
                                       run one SCXML document until a top-level final state (prints final: ID)
          scxml validate FILE [--dialect w3c|ors]
                                       check an SCXML document (problems on stderr as FILE:LINE:COL: message)
          strategy try FILE [--dn DN@SWITCH] [--timeout S] [--dialect w3c|ors] [script options]
                                       run a routing strategy on one simulated call, in-process and in virtual time

        Global options:
          --server HOST:PORT           the T-Library server (default 127.0.0.1:3000)
          -h, --help                   this help, or a command's help after the command

        Exit codes: 0 success, 1 runtime failure (message on stderr), 2 bad usage or invalid input (message on stderr).
        """;

    public const string ServerInfo = """
        Usage: ctigw [--server HOST:PORT] server-info [--json]

        Connects, sends RequestQueryServer and prints:
          version: VERSION
          role: primary|backup
          link SWITCH: connected|disconnected    (one line per switch link, or "links: none")
        --json prints {"version":...,"role":...,"links":{"SWITCH":"connected",...}} instead.
        """;

    public const string Monitor = """
        Usage: ctigw [--server HOST:PORT] monitor DN [DN...] [--json]

        Registers the DNs and prints one line per event received (responses and the client's own
        EventServerConnected/EventServerDisconnected included) until Ctrl-C or SIGTERM, then exits 0. The connection
        is re-established and the DNs re-registered automatically when the server drops it.

        Text form: EventName Attr=value ...
          Enum-typed Int attributes print their enum name (CallType=Inbound); ErrorCode prints its number.
          ConnID-typed attributes print 16 lowercase hex digits; Binary prints base64; Time prints ISO 8601 UTC.
          Key-value lists print one List.KEY=value per entry (nested keys joined by dots) with :int/:bin suffixes.
        --json: one JSON object per line, "Event" first, then the attributes under their reference names.
          Int values are numbers (enum-typed ones too), a ConnID is a string of 16 lowercase hex digits, other Long
          values are numbers, Binary is base64, a key-value list is an object, Mask is 128 hex digits.
        """;

    public const string Request = """
        Usage: ctigw [--server HOST:PORT] request MESSAGE [Attr=value ...] [--json]

        Sends one request (e.g. RequestMakeCall ThisDN=5001 OtherDN=5002) and prints the response event in the
        monitor's text or --json form. When the request has a ThisDN, that DN is registered first. On EventError it
        prints the event, writes ErrorCode and ErrorMessage on stderr and exits 1.

        Attribute values take their type from the reference tables:
          String       as given                       ThisDN=5001
          Int          a number or an enum name       CallType=Inbound  Timeout=30
          Long         a number; ConnIDs in hex       ConnID=006b012a3c4d5e6f
          Mask         all, none, 128 hex digits, or message names / bit numbers: InputMask=EventRinging,EventReleased
          Time         ISO 8601 or Unix seconds       TimeStamp=2026-01-31T12:00:00Z
          Binary       base64
        Key-value lists (UserData, Reasons, Extensions, ...): UserData.KEY=value, a String unless the key ends in
        :int or :bin (base64), e.g. UserData.Priority:int=5; further dots nest: UserData.Customer.Tier=Gold.
        """;

    public const string Bench = """
        Usage: ctigw [--server HOST:PORT] bench fanout [--clients N] [--dns M] [--seconds S] [--size BYTES]
                                                       [--publishers P] [--window W] [--drain SECONDS]

        Opens N client connections (default 100) spread over M DNs (default 1; client i on DN bench-NNNN i % M), each
        registered on its DN, and P publisher connections (default 4, at most M) that send RequestDistributeUserEvent
        round-robin across the DNs as fast as the gateway acknowledges them, with at most W requests awaiting EventACK
        per publisher (default 1024), for S seconds (default 10). Each event carries a per-DN sequence number, a send
        timestamp and padding so the EventUserEvent is about BYTES bytes (default 200). Receivers decode every frame.
        After a drain (at most --drain seconds, default 5) it prints one line:
          delivered/s: N published/s: N p99-ms: X lost: N
        delivered/s counts deliveries within the S seconds, published/s the acknowledged requests, p99-ms the
        publish-to-receive latency, and lost = published x clients on the DN - delivered, summed over the DNs.

        Usage: ctigw [--server HOST:PORT] bench calls [--cps N] [--dns M] [--clients K] [--seconds S]
                                                      [--call-length SECONDS] [--first-dn DN] [--gateway PATH]
                                                      [--listen HOST:PORT] [--gateway-pid PID]
               ctigw bench calls --strategy FILE [--cps N] [--dns M] [--seconds S] [--first-dn DN] [--gateway PATH]

        Runs a simulated switch (the CSTA simulator, OSV style) with M DNs (default 1000: FIRST..FIRST+M-1, --first-dn
        default 200000), starts ctigatewayd (--gateway PATH, else next to ctigw, the source tree's build output or PATH)
        with a temporary config whose switch link goes to that simulator, connects K clients (default 50) that register
        the DNs between them (client i the DNs d with d % K == i), and places N calls per second (default 100) for S
        seconds (default 10): MakeCall A->B, AnswerCall at B after a tenth of the call (at most 1 s), ClearConnection
        by A at the end. A call lasts --call-length seconds, by default 0.3 x M / N (about 60 % of the DNs busy; 6 s
        and 12,000 live calls for --cps 2000 --dns 40000). The latency of each EventDialing, EventRinging,
        EventEstablished and EventReleased runs from the moment the switch frame behind it went to the gateway's
        socket to the moment the client received it. It prints one line:
          calls/s: N events/s: N p50-ms: X p99-ms: X p999-ms: X gateway-cpu: X% gateway-peak-mb: N
        events/s counts the switch's call event frames, gateway-cpu the daemon's CPU time over the window as a
        percentage of one core (200 % is both cores of a 2-core host), gateway-peak-mb its peak RSS (VmHWM).
        With --server, the gateway there is used instead: its switch link must reach the bench's simulator at
        --listen HOST:PORT (required then) with a profile covering the DNs; --gateway-pid PID gives its CPU and memory
        (n/a otherwise).
        --strategy FILE routes every call through an orchestration session of FILE instead: it runs bench route
        --strategy FILE with N calls/s arriving at route point 3001 and the M DNs as its stations (--clients, --server,
        --listen, --gateway-pid and --call-length do not apply) and prints one line, the latency running from the
        call's arrival to EventRouteUsed and routed/unrouted counting the window's calls:
          calls/s: N routed: N unrouted: N errors: N p50-ms: X p99-ms: X p999-ms: X gateway-cpu: X%
        (docs/examples/bench-route-strategy.scxml sends caller ...NNN to station 200NNN: keep --dns 1000, the default.)

        Usage: ctigw [--server HOST:PORT] bench query [--connections N] [--first-dn DN] [--dns M] [--seconds S]
                                                      [--window W] [--type INFOTYPE] [--drain SECONDS]

        Opens N connections (default 4) to the gateway at --server, each registered on the DNs FIRST..FIRST+M-1
        (--first-dn default 5001, --dns default 20: the demo's agent extensions), and sends RequestQueryAddress with
        AddressInfoType INFOTYPE (default DNStatus; also AgentStatus, QueueStatus, NumberOfAgentsInQueue, CallsQuery...)
        round-robin over the DNs, with at most W requests in flight per connection (default 128; the gateway allows a client 256 per switch), for S seconds
        (default 10). Each answer (EventAddressInfo, or EventError counted apart) is timed from its send. It prints:
          queries/s: N p50-ms: X p99-ms: X errors: N
        queries/s counts the answers within the S seconds. Exit 1 when nothing was answered or a connection was lost.

        Usage: ctigw bench route [--rps N] [--seconds S] [--destinations M] [--first-dn DN] [--gateway PATH] [--strategy FILE]

        Runs a simulated switch (OSV style) with route point 3001 and M stations (default 1000 from --first-dn, default
        200000), starts ctigatewayd with route point 3001 configured, registers one router client on 3001 that answers
        every EventRouteRequest at once with RequestRouteCall to the next station, and makes N calls per second
        (default 500) arrive at 3001 for S seconds (default 30, after a 2 s warm-up). Routed calls are hung up. The
        latency of each call runs from just before the switch raises its arrival to the router's receipt of its
        EventRouteUsed. It prints one line:
          arrivals/s: N route-used: N p50-ms: X p99-ms: X p999-ms: X errors: N gateway-cpu: X%
        --strategy FILE puts the routing strategy FILE on route point 3001: the gateway's orchestration runs one session
        per call and routes it; the bench's client only watches 3001 and hangs up the routed calls. The latency is then
        the session's: arrival to EventRouteUsed, with the session's start, actions and the redirect in between.
        """;

    public const string Profile = """
        Usage: ctigw profile validate FILE...

        Checks firmware profiles (firmware-profiles/*.json, schema firmware-profiles/schema/firmware-profile.schema.json): JSON syntax, unknown,
        missing and wrongly typed properties, out-of-range timers and serial settings, framing/transport mismatch,
        overlapping DN ranges, unknown quirks and services, and that the id matches the file name.
        Every problem is one line on stderr: FILE:LINE:COL: message. A valid file prints "FILE: ok" on stdout.
        Exits 2 if any file has a problem or cannot be read, 0 otherwise.
        """;

    public const string Simulate = """
        Usage: ctigw simulate --profile FILE (--listen HOST:PORT | --serial DEVICE) [--calls-per-second N] [--max-calls N]
                              [--answer-delay S] [--hold-time S] [--abandon-rate F] [--transfer-rate F]
                              [--transfer-to DN] [--routing-timeout S] [--baud N] [--pace] [--corrupt-percent P] [--seed N]
                              [--aes-user USER --aes-password PASSWORD]

        Runs the PBX simulator on its own, as the switch side of a link, with the demo switching plan: tel_sw
        (extensions 5001-5099 with agents A5001-A5020 logged on and ready on 5001-5020, ACD queue 4001, route point
        3001) and tel_sw_1 (extensions 7001-7999). Queue 4001 hands each waiting call, oldest first, to the first free
        ready agent (linear hunt, lowest DN first) by itself. The demo's own traffic (ctigatewayd --demo) is
        --calls-per-second 0.2 --hold-time 10 --routing-timeout 2.
        The firmware profile is validated first; each problem is one line on stderr (FILE:LINE:COL: message), exit 2.
        The profile gives the CSTA dialect (ed4 OSV-style or ed3 DMCC-style), the SystemStatus heartbeat
        (keep-alive kpl-interval when its method is SystemStatus), the ECMA-354 application session an AES demands
        (dialect.application-session: StartApplicationSession first, the session ends and the link is closed when
        ResetApplicationSessionTimer stops), strict DMCC device ids (dialect.device-id get-device-id: plain DNs in
        MonitorStart and call control are refused with operation/invalidDeviceID; GetDeviceId gives 7001:CM1:0.0.0.0:0)
        and whether agent events are reported (not with the quirk agent-events-not-reported-poll-agent-state).
          --aes-user USER --aes-password PASSWORD
                                   session profiles: StartApplicationSession must log in as USER with PASSWORD;
                                   anything else gets StartApplicationSessionNegResponse (invalidApplicationInfo).
          --listen HOST:PORT       serve CSTA-XML over TCP (needs a csta-xml-tcp profile); port 0 picks a free port.
                                   Prints: simulator listening on HOST:PORT (profile ID)
          --serial DEVICE          the switch end of a serial line (LAPB DCE or BSC primary, needs a serial profile).
                                   Prints: simulator on serial DEVICE (profile ID), then, each second something changed,
                                   serial: frames-sent=N digest=HEX corrupted=N line-errors=N
          --calls-per-second N     scripted inbound calls to route point 3001 at N calls per second (default 0: none).
          --max-calls N            stop the scripted calls after N calls.
          --answer-delay S         seconds from arrival to answer (default 2).
          --hold-time S            seconds from answer to the caller hanging up (default 30).
          --abandon-rate F         fraction 0..1 of calls the caller abandons 5 s after arrival (default 0).
          --transfer-rate F        fraction 0..1 of answered calls single-step transferred 5 s after answer (default 0).
          --transfer-to DN         where transferred calls go (default 4001, the ACD queue).
          --routing-timeout S      calls wait S seconds at 3001 for routing (DeflectCall), then go to queue 4001 and
                                   from there to an agent, who answers after the answer delay; a caller nobody
                                   takes gives up after the hold time (default 0: 3001 answers the calls itself).
          --baud N                 serial only: line speed instead of the profile's.
          --pace                   serial only: pace output at the line rate (a pseudo-terminal has no baud rate).
          --corrupt-percent P      serial only: corrupt P % of the data frames sent (one bit inside the FCS/BCC-covered
                                   part); the gateway must count each as one hardware error and recover the frame.
          --seed N                 serial only: seed of the corruption draws (default 1).
        Runs until Ctrl-C or SIGTERM, then exits 0.
        """;

    public const string Status = """
        Usage: ctigw status [--control PATH] [--json]

        Asks ctigatewayd over its local control socket (default /run/ctigateway/control.sock, the daemon's
        Control:Socket; mode 0660, so run it as the service's user or a member of its group). It does not use the
        T-Library port (--server is ignored). Prints:
          version, uptime, role, the T-Library endpoint and pid
          link SWITCH/N (switch, endpoint): state, active; last error, then bytes/frames in and out, hardware errors
          clients (connected, accepted, rejected, cut as slow readers), dns (registered)
          calls: live calls, in total and by state (dialing, ringing, queued, established, held, failed, other),
            then the same per switch
          sessions: orchestration sessions live now, and started, ended and failed since start (with a note saying
            why when orchestration does not run)
          queues: deepest and total outbound queue bytes over the clients
          watchdog: on/off, interval, pings sent, and whether each loop answers its liveness probe
        --json prints the daemon's JSON answer (one object) instead.
        Exits 1 with the socket path in the message when the daemon cannot be reached.
        """;

    public const string Calls = """
        Usage: ctigw calls [--control PATH] [--json]

        Lists the live calls of the daemon's call models, asked over its local control socket (default
        /run/ctigateway/control.sock, the daemon's Control:Socket), oldest first. It does not use the T-Library port.
        Text: one line per call, then the count:
          CONNID SWITCH CallType CallState age Ns: DN PartyState (Role), ...; user data: KEY, ...
          N calls
        The ConnID is 16 lowercase hex digits; only the user-data keys are shown, never the values. The daemon lists at
        most 10000 calls (about 8 MB); the count line says how many were listed when there are more.
        --json prints the daemon's JSON answer (one object): {"ok":true,"count":N,"limit":10000,"calls":[{"Switch",
        "ConnID","CallUUID","CallType","CallState","ANI","DNIS","PreviousConnID","Started","AgeSeconds","Phase",
        "Parties":[{"DN","PartyState","Role","Internal"}],"UserDataKeys":[...]}],"listed":M,"truncated":false}.
        Exits 1 with the socket path in the message when the daemon cannot be reached.
        """;

    public const string Sessions = """
        Usage: ctigw sessions [--control PATH] [--json]
               ctigw sessions show ID [--control PATH] [--json]
               ctigw sessions kill ID [--control PATH] [--json]

        Asks ctigatewayd over its local control socket (default /run/ctigateway/control.sock, the daemon's
        Control:Socket) about its live orchestration sessions (the routing strategies running for calls). It does not
        use the T-Library port.
        Without a subcommand: one line per session, oldest first, then the count:
          ID STRATEGY age Ns: interactions CONNID, ...; states: STATE, ...
          N sessions
        The ConnIDs are 16 lowercase hex digits; the states are the session's active states. The daemon lists at most
        10000 sessions. When orchestration does not run, the count line says why.
        show ID: the session's id, strategy, age, interactions and active states, then its data model (JSON), its last
        events (name and data) and its last <log> lines, oldest first.
        kill ID: ends the session (its interactions stay where they are); prints "session ID killed".
        --json prints the daemon's JSON answer (one object): {"ok":true,"count":N,"limit":10000,"sessions":[{"Id",
        "Strategy","Interactions":[{"ConnID"}],"ActiveStates":[...],"AgeSeconds"}],"listed":M,"truncated":false},
        for show {"ok":true,"session":{...},"DataModel":{...},"LastEvents":[...],"LastLogLines":[...]}, for kill
        {"ok":true,"killed":"ID"}.
        Exits 1 with the daemon's message for an id that is not a live session, and with the socket path in the
        message when the daemon cannot be reached.
        """;

    public const string Scxml = """
        Usage: ctigw scxml run FILE [--timeout SECONDS] [--json] [--dialect w3c|ors]
               ctigw scxml validate FILE [--dialect w3c|ors]

        run: runs one SCXML document (ECMAScript data model) on its own, with no switch, in real time, until it reaches
        a top-level final state or the timeout (default 30 s). Prints "final: ID" (exit 0) or "timeout" (exit 1);
        <log> output goes to stderr as "log LABEL: VALUE". --json prints one JSON object instead (end, final, log).
        Relative src references resolve against the file's folder. A document that cannot be run is reported as
        FILE:LINE:COL: message lines on stderr, exit 2.
        validate: checks a document without running it. Each problem is one line on stderr, FILE:LINE:COL: message;
        expressions that would only raise error.execution when reached are reported as warnings. Exits 2 if there is
        any error, 0 otherwise (prints "FILE: ok").
        Dialect: a document with a Genesys module namespace (http://www.genesyslab.com/modules/...) or a profile
        attribute is read as ORS (event, target, delay and sendid are expressions), any other as W3C SCXML 1.0;
        --dialect overrides it.
        """;

    public const string Strategy = """
        Usage: ctigw strategy try FILE [--dn DN@SWITCH] [--timeout SECONDS] [--dialect w3c|ors]
                                  [--answer SECONDS] [--abandon SECONDS]
                                  [--agents-busy | --agent-ready ID... | --all-agents-ready]
                                  [--ani NUMBER] [--dnis NUMBER] [--udata KEY=VALUE...]

        A sandbox for strategy authors. Starts an in-process gateway with the demo's simulated switches (tel_sw:
        extensions 5001-5099, agents A5001-A5020 ready on 5001-5020 in the agent group DemoAgents and ACD queue 4001,
        route point 3001; tel_sw_1: extensions 7001-7999; the trunk between them) and runs FILE as the orchestration
        strategy of the route point --dn (default 3001@tel_sw; a DN outside the plan is added as a route point of
        that switch), in the ORS dialect unless --dialect w3c. Then one inbound call arrives at that route point and
        the session that owns it runs in virtual time: delays, timeouts and the script's times cost no wall time,
        and the clock moves on only when the switches are quiet.
        Prints, one line each, stamped [SECONDS] with the virtual time since the start:
          session: ID runs FILE             the session that owns the call
          event: NAME {DATA}                each event delivered to the session (interaction.*, *.done, error.*)
          log: TEXT                         each <log> of the session ("log: LABEL: TEXT" with a label)
          call: EVENT DN@SWITCH ConnID ID   each call event the gateway publishes (any DN, both switches)
          script: WHAT                      each scripted step
          error: WHAT                       an error event raised in the session (error.execution: line, column, why)
          warning: WHAT                     a problem of the orchestration (a request the gateway refused...)
        then "final: ID" when the session reached a top-level final state (exit 0), or "timeout" (exit 1) when it
        had not after --timeout seconds of virtual time (default 300), or how it ended otherwise (exit 1).
        A strategy that does not load prints each problem as FILE:LINE:COL: message on stderr, exit 2.
        Script options (times in seconds of virtual time):
          --answer S            every station the call rings at answers S seconds after it started ringing
                                (default: nobody answers)
          --abandon S           the caller hangs up S seconds after the call arrived
          --agents-busy         no agent of DemoAgents is ready (all not ready)
          --agent-ready ID      only this agent of DemoAgents is ready (repeat it, or ID,ID, for several)
          --all-agents-ready    every agent of DemoAgents is ready (the default)
          --ani NUMBER          the caller's number (default 302118840100)
          --dnis NUMBER         the number the caller dialled (default the route point's DN)
          --udata KEY=VALUE     user data the call brings to the route point (a string; repeat it for several)
        """;

    /// <summary>The help of a command, or the general help.</summary>
    public static string For(string? command) => command switch
    {
        "server-info" => ServerInfo,
        "monitor" => Monitor,
        "request" => Request,
        "bench" or "bench fanout" or "bench calls" or "bench query" or "bench route" => Bench,
        "profile" => Profile,
        "simulate" => Simulate,
        "status" => Status,
        "calls" => Calls,
        "sessions" => Sessions,
        "scxml" => Scxml,
        "strategy" => Strategy,
        _ => General,
    };
}
