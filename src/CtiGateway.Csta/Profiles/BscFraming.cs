namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// NEAX-PMS-style BSC: sender (answer) timer, receiver timer, and the retry counts for the start sequence, ENQ
/// queries and NAKed blocks.
/// </summary>
public sealed record BscFraming(TimeSpan SenderTimeout, TimeSpan ReceiverTimeout, int StartRetries, int QueryRetries, int NakRetries, int MaxBlock);
