using System.Globalization;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Tests.Segments;

/// <summary>
/// The documented limit, 32 levels, applied exactly and counted alike in text and tree: each '(' and each 'not' in
/// text; each not, a group under a not, and a group inside a group (but an allOf inside an anyOf) in a tree.
/// </summary>
public sealed class SegmentDepthTests
{
    private const string TooDeepInText = "The filter nests more than 32 levels deep at position {0} (each '(' and each 'not' is a level); simplify it.";
    private const string TooDeepInTree = "The filter nests more than 32 levels deep (each 'not' and each group inside another counts, as the parentheses of the text syntax do); simplify it.";
    private static readonly Condition State = new("state", FilterOperator.Equal, ["WA"]);

    [Fact]
    public void Thirty_two_levels_of_parentheses_are_accepted_and_thirty_three_refused_at_the_extra_one()
    {
        var deepest = Parenthesized(32);
        var tooDeep = Parenthesized(33);

        Assert.True(Bound(deepest));
        Assert.Equal(new SegmentSyntaxError(33, Format(TooDeepInText, 33)), SegmentParser.Parse(tooDeep).Error);
    }

    [Fact]
    public void Thirty_two_nested_nots_are_accepted_and_thirty_three_refused_in_text_and_in_a_tree()
    {
        var deepest = string.Concat(Enumerable.Repeat("not ", 32)) + "state = WA";
        var tooDeep = "not " + deepest;

        Assert.True(Bound(deepest));
        Assert.Equal(new SegmentSyntaxError(129, Format(TooDeepInText, 129)), SegmentParser.Parse(tooDeep).Error);
        Assert.True(SegmentBinder.Bind(Nots(32)).IsValid);
        var problem = Assert.Single(SegmentBinder.Bind(Nots(33)).Errors);
        Assert.Equal(("filter" + string.Concat(Enumerable.Repeat(".not", 33)), TooDeepInTree), (problem.Path, problem.Message));
    }

    [Fact]
    public void Not_and_parentheses_count_together()
    {
        var deepest = string.Concat(Enumerable.Repeat("not (", 16)) + "state = WA or city = Reno" + new string(')', 16);
        var tooDeep = "not " + deepest;

        Assert.True(Bound(deepest));
        var lastOpener = tooDeep.LastIndexOf('(') + 1;
        Assert.Equal(new SegmentSyntaxError(lastOpener, Format(TooDeepInText, lastOpener)), SegmentParser.Parse(tooDeep).Error);
    }

    [Fact]
    public void Alternating_and_or_groups_count_one_level_per_pair_of_parentheses()
    {
        // allOf > anyOf > allOf > …: each anyOf inside an allOf needs parentheses, each allOf inside an anyOf none.
        var deepest = Alternating(65);
        var tooDeep = Alternating(67);

        Assert.True(SegmentBinder.Bind(deepest).IsValid);
        Assert.Equal(32, SegmentText.Format(deepest).Count(c => c == '('));
        Assert.True(Bound(SegmentText.Format(deepest)));
        var problem = Assert.Single(SegmentBinder.Bind(tooDeep).Errors);
        Assert.Equal(("filter" + string.Concat(Enumerable.Repeat(".allOf[0].anyOf[0]", 32)) + ".allOf[0]", TooDeepInTree), (problem.Path, problem.Message));
        Assert.False(SegmentParser.Parse(SegmentText.Format(tooDeep)).IsValid);
    }

    [Fact]
    public void A_group_directly_inside_a_group_of_the_same_kind_is_a_level_as_its_parentheses_would_be()
    {
        Assert.True(SegmentBinder.Bind(SameKind(33)).IsValid);
        Assert.False(SegmentBinder.Bind(SameKind(34)).IsValid);
        Assert.True(Bound("(((state = WA and city = Reno) and order_count > 1) and order_count > 2)"));
    }

    [Fact]
    public void What_is_accepted_as_a_tree_is_accepted_again_when_stored_as_text_and_read_back()
    {
        foreach (var tree in new[] { Nots(32), Alternating(65), SameKind(33), NotGroups(16), new AnyOf([Nots(32), Alternating(65)]) })
        {
            Assert.True(SegmentBinder.Bind(tree).IsValid);
            var reread = SegmentParser.Parse(SegmentText.Format(tree));
            Assert.True(reread.IsValid, reread.Error?.Message);
            Assert.True(SegmentBinder.Bind(reread.Filter!).IsValid);
        }
    }

    [Fact]
    public void Text_at_the_limit_binds_as_a_tree_at_the_limit()
    {
        foreach (var text in new[] { Parenthesized(32), string.Concat(Enumerable.Repeat("not (", 16)) + "state = WA" + new string(')', 16), "(state = WA or city = Reno) and " + Parenthesized(32) })
        {
            Assert.True(Bound(text), text);
        }
    }

    private static bool Bound(string text)
    {
        var parsed = SegmentParser.Parse(text);
        Assert.True(parsed.IsValid, parsed.Error?.Message);
        return SegmentBinder.Bind(parsed.Filter!).IsValid;
    }

    private static string Parenthesized(int levels) => new string('(', levels) + "state = WA" + new string(')', levels);

    private static SegmentFilter Nots(int count)
    {
        SegmentFilter filter = State;
        for (var i = 0; i < count; i++)
        {
            filter = new Not(filter);
        }

        return filter;
    }

    // not (a or not (a or …)): two levels per not.
    private static SegmentFilter NotGroups(int count)
    {
        SegmentFilter filter = State;
        for (var i = 0; i < count; i++)
        {
            filter = new Not(new AnyOf([State, filter]));
        }

        return filter;
    }

    private static SegmentFilter Alternating(int groups)
    {
        SegmentFilter filter = State;
        for (var level = 0; level < groups; level++)
        {
            var other = new Condition("order_count", FilterOperator.GreaterThan, [level.ToString(CultureInfo.InvariantCulture)]);
            filter = (groups - level) % 2 == 1 ? new AllOf([filter, other]) : new AnyOf([filter, other]);
        }

        return filter;
    }

    private static SegmentFilter SameKind(int groups)
    {
        SegmentFilter filter = State;
        for (var level = 0; level < groups; level++)
        {
            filter = new AllOf([filter, new Condition("order_count", FilterOperator.GreaterThan, [level.ToString(CultureInfo.InvariantCulture)])]);
        }

        return filter;
    }

    private static string Format(string template, int position) => string.Format(CultureInfo.InvariantCulture, template, position);
}
