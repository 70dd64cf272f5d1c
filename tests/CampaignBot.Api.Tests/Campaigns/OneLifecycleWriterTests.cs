using System.Reflection;
using System.Reflection.Emit;
using CampaignBot.App.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Campaigns;

// A campaign's lifecycle fields are written in one place: CampaignTransitions asks the Core lifecycle what a move does
// and applies it. The private setters make the compiler refuse any other assignment; this reads the compiled App to
// check that nothing else applies a transition or saves a campaign behind the writer's version check and audit.
public sealed class OneLifecycleWriterTests
{
    private static readonly Assembly App = typeof(CampaignRecord).Assembly;

    [Fact]
    public void Every_lifecycle_field_of_a_stored_campaign_is_set_only_by_the_record_itself()
    {
        var lifecycle = typeof(LifecycleState).GetProperties().Select(p => p.Name).Append(nameof(CampaignRecord.ApprovedSnapshotJson)).ToList();

        var fields = typeof(CampaignRecord).GetProperties().Where(p => lifecycle.Contains(p.Name)).ToList();

        Assert.Equal(lifecycle.Count, fields.Count);
        Assert.All(fields, p => Assert.True(p.SetMethod is { IsPrivate: true }, $"{p.Name} can be set from outside the record"));
    }

    [Fact]
    public void Only_the_transition_writer_applies_a_lifecycle_transition_or_saves_a_campaign()
    {
        MethodBase[] guarded =
        [
            typeof(CampaignRecord).GetMethod("Apply", BindingFlags.Instance | BindingFlags.NonPublic)!,
            typeof(CampaignStore).GetMethod(nameof(CampaignStore.TryUpdate))!,
        ];

        foreach (var method in guarded)
        {
            Assert.Equal([nameof(CampaignTransitions)], CallersOf(method).Select(t => t.Name).Distinct());
        }
    }

    // The outermost type of every App method whose IL calls (or takes a delegate to) target; lambdas and async state
    // machines are nested in the type that wrote them.
    private static IEnumerable<Type> CallersOf(MethodBase target) =>
        from type in App.GetTypes()
        from method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything))
        where method.GetMethodBody() is not null && Calls(method, target)
        select Outermost(type);

    private const BindingFlags Everything = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static bool Calls(MethodBase method, MethodBase target)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        for (var i = 0; i < il.Length;)
        {
            var code = OpCodesByValue[il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i]];
            i += code.Size;
            if (code.OperandType == OperandType.InlineMethod && Resolve(method, BitConverter.ToInt32(il, i)) == target)
            {
                return true;
            }

            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }

        return false;
    }

    private static MethodBase? Resolve(MethodBase caller, int token)
    {
        try
        {
            return caller.Module.ResolveMethod(token, caller.DeclaringType?.GetGenericArguments(), caller.IsGenericMethod ? caller.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null; // A method of a generic type instantiated elsewhere: not one of the guarded ones.
        }
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
