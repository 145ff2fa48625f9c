using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The state of a member's analysis that few members need (Semantic Kernel settings, option clones, test fixtures,
    /// followed locals and fields, reported defaults), in a companion made on its first write.
    /// </summary>
    /// <remarks>
    /// Why (docs/performance.md, "session 34"): one <see cref="ModelUses"/> is made for every member of every relevant
    /// file, and these ten fields were most of its size although nearly every member leaves them all empty. Reads go
    /// through the properties below and see null until something is written.
    /// </remarks>
    internal sealed partial class ModelUses
    {
        private RareState? rare;

        private RareState Rare => rare ??= new RareState();

        // Parameters whose default was already reported in this member: one diagnostic per default, not per slot.
        private HashSet<IParameterSymbol>? ReportedDefaults { get => rare?.ReportedDefaults; set => Rare.ReportedDefaults = value; }

        // Semantic Kernel in one member (Program.cs): the model of the only registered chat completion service when its id
        // is known, the execution settings objects that set sampling parameters, and those that pick a service themselves
        // (ModelId or ServiceId).
        private ModelRow? RegisteredModel { get => rare?.RegisteredModel; set => Rare.RegisteredModel = value; }

        private HashSet<object>? KernelSettings { get => rare?.KernelSettings; set => Rare.KernelSettings = value; }

        private HashSet<object>? RoutedSettings { get => rare?.RoutedSettings; set => Rare.RoutedSettings = value; }

        // Options copied from another object (`var options = Defaults.Clone();`): the local holding the copy and the call.
        private List<(ILocalSymbol Copy, IInvocationOperation Call)>? Clones { get => rare?.Clones; set => Rare.Clones = value; }

        // Options objects whose model property the member writes (with any value): a copy's own model replaces its source's.
        private HashSet<object>? ModelWritten { get => rare?.ModelWritten; set => Rare.ModelWritten = value; }

        // Locals whose initializer was already checked in this member (a local read by two slots is reported once).
        private HashSet<ILocalSymbol>? FollowedLocals { get => rare?.FollowedLocals; set => Rare.FollowedLocals = value; }

        // Fields whose constructor-assigned value was already checked in this member (ConstructorFieldValues).
        private HashSet<IFieldSymbol>? FollowedFields { get => rare?.FollowedFields; set => Rare.FollowedFields = value; }

        // In a test project: provider-neutral requests whose model id waits for the member's end, and the clients the
        // member built from an SDK (CheckFixtureRequests).
        private List<(ISimpleAssignmentOperation Assignment, object Key)>? FixtureRequests { get => rare?.FixtureRequests; set => Rare.FixtureRequests = value; }

        private HashSet<object>? RealClients { get => rare?.RealClients; set => Rare.RealClients = value; }

        private sealed class RareState
        {
            public HashSet<IParameterSymbol>? ReportedDefaults;
            public ModelRow? RegisteredModel;
            public HashSet<object>? KernelSettings;
            public HashSet<object>? RoutedSettings;
            public List<(ILocalSymbol Copy, IInvocationOperation Call)>? Clones;
            public HashSet<object>? ModelWritten;
            public HashSet<ILocalSymbol>? FollowedLocals;
            public HashSet<IFieldSymbol>? FollowedFields;
            public List<(ISimpleAssignmentOperation Assignment, object Key)>? FixtureRequests;
            public HashSet<object>? RealClients;
        }
    }
}
