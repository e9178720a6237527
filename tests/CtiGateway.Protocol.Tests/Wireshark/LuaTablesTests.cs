namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>The dissector's generated tables match the C# tables they were generated from.</summary>
public sealed class LuaTablesTests
{
    [Fact]
    public void MessageNamesMatchMessageCatalog()
    {
        var lua = LuaDissectorFile.StringTable("MESSAGE_NAMES");
        Assert.Equal(MessageCatalog.Count, lua.Count);
        for (var i = 0; i < MessageCatalog.Count; i++)
        {
            Assert.Equal(MessageCatalog.GetName((MessageType)i), lua[i]);
        }
    }

    [Fact]
    public void AttributeNamesAndTypesMatchAttributeCatalog()
    {
        var names = LuaDissectorFile.StringTable("ATTRIBUTE_NAMES");
        var types = LuaDissectorFile.IntTable("ATTRIBUTE_TYPES");
        Assert.Equal(AttributeCatalog.Count, names.Count);
        Assert.Equal(AttributeCatalog.Count, types.Count);
        for (var i = 0; i < AttributeCatalog.Count; i++)
        {
            Assert.Equal(AttributeCatalog.GetName((AttributeId)i), names[i]);
            Assert.Equal((int)AttributeCatalog.GetValueType((AttributeId)i), types[i]);
        }
    }

    [Fact]
    public void EnumTablesMatchTheCSharpEnums()
    {
        var attributeEnums = LuaDissectorFile.AttributeEnums();
        var enums = LuaDissectorFile.Enums();
        var expectedIds = Enumerable.Range(0, AttributeCatalog.Count).Where(i => AttributeCatalog.GetEnumType((AttributeId)i) is not null).ToList();
        Assert.Equal(expectedIds, attributeEnums.Keys.Order().ToList());
        foreach (var id in expectedIds)
        {
            var type = AttributeCatalog.GetEnumType((AttributeId)id)!;
            Assert.Equal(type.Name, attributeEnums[id]);
            Assert.True(enums.TryGetValue(type.Name, out var lua), $"ENUMS has no table {type.Name}.");
            var values = Enum.GetValuesAsUnderlyingType(type).Cast<object>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.Equal(values, lua.Keys.Order().ToList());
            foreach (var v in values)
            {
                Assert.Equal(Enum.GetName(type, Enum.ToObject(type, v)), lua[v]);
            }
        }

        Assert.Equal(attributeEnums.Values.Distinct().Order(StringComparer.Ordinal), enums.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WireConstantsMatchTlibWire()
    {
        Assert.Equal(TlibWire.HeaderSize, LuaDissectorFile.Constant("HEADER_SIZE"));
        Assert.Equal(TlibWire.MaxListDepth, LuaDissectorFile.Constant("MAX_LIST_DEPTH"));
        Assert.Equal(TlibMask.Length, LuaDissectorFile.Constant("MASK_LENGTH"));
        Assert.Equal(3000, LuaDissectorFile.Constant("DEFAULT_PORT"));
    }
}
