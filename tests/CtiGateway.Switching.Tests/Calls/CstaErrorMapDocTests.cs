using System.Globalization;
using CtiGateway.Protocol;
using CtiGateway.Server.Tests.WireFormat;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>docs/wire-format.md "CSTA errors as T-Library errors" is <see cref="CstaErrorMap.Rows"/>, row for row.</summary>
public sealed class CstaErrorMapDocTests
{
    private const string Heading = "### CSTA errors as T-Library errors";

    [Fact]
    public void TheDocumentedTableIsTheMapRowForRow()
    {
        var documented = DocTable.Rows(Heading, "CSTA category")
            .Select(r => (DocTable.Code(r[0]), DocTable.Code(r[1]), int.Parse(r[2], CultureInfo.InvariantCulture), r[3]))
            .ToList();
        var map = CstaErrorMap.Rows.Select(r => (r.Category, r.Value, (int)r.Error, r.Error.ToString())).ToList();
        Assert.Equal(map, documented);
    }

    [Fact]
    public void AValueNotListedTakesItsCategorysRowAndAnUnknownCategoryTheLastRow()
    {
        foreach (var (category, value, error) in CstaErrorMap.Rows)
        {
            Assert.Equal(error, CstaErrorMap.Map(category, value));
        }

        Assert.Equal(ErrorCode.TERR_BAD_PARAM, CstaErrorMap.Map("operation", "somethingNew"));
        Assert.Equal(ErrorCode.TERR_CTL_INV_CALL_STATE, CstaErrorMap.Map("stateIncompatibility", "invalidObjectState"));
        Assert.Equal(ErrorCode.TERR_UNKNOWN_ERROR, CstaErrorMap.Map("vendorSpecific", "x"));
        Assert.Equal(("*", "*", ErrorCode.TERR_UNKNOWN_ERROR), CstaErrorMap.Rows[^1]);
    }
}
