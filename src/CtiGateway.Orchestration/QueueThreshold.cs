namespace CtiGateway.Orchestration;

/// <summary>The <c>{Statistic OP value}</c> part of a target: it is considered only while the condition holds.</summary>
/// <param name="Statistic">The statistic's name (for example StatCallsInQueue).</param>
/// <param name="Operator">One of &lt; &lt;= &gt; &gt;= = != (== is read as =).</param>
/// <param name="Value">The number compared with.</param>
internal sealed record QueueThreshold(string Statistic, string Operator, double Value)
{
    public bool Holds(double value) => Operator switch
    {
        "<" => value < Value,
        "<=" => value <= Value,
        ">" => value > Value,
        ">=" => value >= Value,
        "!=" => value != Value,
        _ => value == Value,
    };

    public override string ToString() => "{" + Statistic + Operator + Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
}
