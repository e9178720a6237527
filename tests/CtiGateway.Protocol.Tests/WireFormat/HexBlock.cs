namespace CtiGateway.Protocol.Tests.WireFormat;

/// <summary>One fenced <c>```hex name=...</c> block of docs/wire-format.md.</summary>
/// <param name="Name">The block's name.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Bytes">The bytes, comments stripped.</param>
internal sealed record HexBlock(string Name, int Line, byte[] Bytes);
