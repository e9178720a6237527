namespace CtiGateway.Pbx.Csta;

/// <summary>Outcome of checking the bytes of a CSTA-XML header that have arrived so far.</summary>
internal enum CstaHeaderCheck
{
    /// <summary>All 8 header bytes are present and valid.</summary>
    Valid,

    /// <summary>Fewer than 8 bytes have arrived and all of them fit a header.</summary>
    Incomplete,

    /// <summary>The first two bytes are not <c>00 00</c>.</summary>
    BadHeader,

    /// <summary>The length is under the header size.</summary>
    LengthUnderHeader,

    /// <summary>The length is over the maximum frame size.</summary>
    LengthOverMaximum,

    /// <summary>The invoke id is not four ASCII digits.</summary>
    BadInvokeId,
}
