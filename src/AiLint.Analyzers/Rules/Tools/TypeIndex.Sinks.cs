// TypeIndex: the catalog sinks (CatalogSink, the options object or argument each one is keyed by, and the cheap name test that skips types without one); apart from the walk in TypeIndex.cs because the catalogs AIL0201/AIL0202 count are read from these.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>A catalog handed to a request: a <c>Tools</c> property of one options object, or a tool-list argument.</summary>
    internal sealed class CatalogSink
    {
        public CatalogSink(string provider)
        {
            Provider = provider;
        }

        /// <summary>"OpenAI", "Anthropic" or "" (MEAI, Semantic Kernel): picks the provider limit in AIL0201's message.</summary>
        public string Provider { get; }

        /// <summary>Values assigned to the property, or the argument passed.</summary>
        public List<IOperation> Values { get; } = new List<IOperation>();

        /// <summary><c>Tools = { a, b }</c> member initializers (the OpenAI properties have no setter).</summary>
        public List<IMemberInitializerOperation> Initializers { get; } = new List<IMemberInitializerOperation>();

        /// <summary><c>options.Tools.Add(x)</c>, <c>AddRange</c>, <c>Insert</c>, <c>Clear</c>...</summary>
        public List<IInvocationOperation> Mutations { get; } = new List<IInvocationOperation>();

        /// <summary><c>RegisterTools(options.Tools)</c>: helpers of the project handed the list (CatalogEvaluator.FillingHelpers).</summary>
        public List<IInvocationOperation> FillingCalls { get; } = new List<IInvocationOperation>();

        /// <summary>The creation of the options object, where AIL0201 goes when the catalog is built by Adds.</summary>
        public IOperation? Creation { get; set; }

        /// <summary>The local or field holding the options object, when there is one.</summary>
        public ISymbol? Holder { get; set; }
    }

    internal sealed partial class TypeIndex
    {
        /// <summary>
        /// The identifiers one of which a type's source must contain for <see cref="MayCreateSink"/> to hold for one of
        /// its blocks: the sink properties' names and the catalog-taking methods' names (see <see cref="SinkTextPrefilter"/>).
        /// </summary>
        public static HashSet<string> SinkNames(KnownToolSymbols symbols)
        {
            // ChatClientAgent is a type name: a type that creates one only through an alias, or through a target-typed
            // new() whose target type is declared in another file, is not seen (see SinkTextPrefilter).
            // AddKernel: the type calling it reports the container kernel's plugins registered by other types (ProjectContainerKernel).
            var names = new HashSet<string>(StringComparer.Ordinal) { "ToolRunner", "AsAIAgent", "CreateAIAgent", "ChatClientAgent", "AddKernel" };
            foreach (var registration in SemanticKernelPluginNames)
            {
                names.Add(registration);
            }

            foreach (var property in symbols.SinkProperties)
            {
                names.Add(property.Name);
            }

            return names;
        }

        /// <summary>
        /// A cheap superset of "<see cref="Add"/> would create a <see cref="CatalogSink"/> for this block": every sink comes
        /// from a reference to a sink property (its initializer, assignment or mutation receiver) or from a call named like
        /// a tool-runner or Semantic Kernel registration. Allocates nothing per operation.
        /// </summary>
        public static bool MayCreateSink(IOperation root, KnownToolSymbols symbols)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation property when symbols.IsSinkProperty(property.Property):
                        return true;
                    case IInvocationOperation invocation
                        when invocation.TargetMethod.Name == "ToolRunner" || SemanticKernelPluginNames.Contains(invocation.TargetMethod.Name)
                            || KnownToolSymbols.IsAgentFactory(invocation.TargetMethod):
                        return true;
                    case IObjectCreationOperation creation
                        when creation.Constructor != null && SymbolEqualityComparer.Default.Equals(creation.Constructor.ContainingType, symbols.ChatClientAgent):
                        return true;
                }
            }

            return false;
        }

        private void AddArgumentSink(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameterName, string provider)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    var sink = new CatalogSink(provider);
                    sink.Values.Add(argument.Value);
                    Sinks.Add(sink);
                }
            }
        }

        private CatalogSink GetSink(IPropertyReferenceOperation property)
        {
            var (key, creation, holder) = KeyOf(property.Instance);
            if (!_propertySinks.TryGetValue(key, out var sink))
            {
                var provider = _symbols.IsOpenAISink(property.Property) ? "OpenAI"
                    : property.Property.ContainingType.ContainingNamespace?.ToDisplayString().StartsWith("Anthropic", System.StringComparison.Ordinal) == true ? "Anthropic"
                    : string.Empty;
                sink = new CatalogSink(provider) { Holder = holder };
                _propertySinks.Add(key, sink);
                Sinks.Add(sink);
            }

            sink.Creation ??= creation;
            return sink;
        }

        /// <summary>
        /// Identifies the options object: its local or field when it has one (so an initializer and later Adds are one
        /// catalog), otherwise the creation or receiver expression itself.
        /// </summary>
        private static (object Key, IOperation? Creation, ISymbol? Holder) KeyOf(IOperation? instance)
        {
            instance = Strip(instance);
            if (Holder(instance) is { } holder)
            {
                return (holder, null, holder);
            }

            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                var creation = instance.Parent;
                while (creation != null && !(creation is IObjectCreationOperation) && !(creation is IWithOperation))
                {
                    creation = creation.Parent;
                }

                if (creation != null)
                {
                    var user = creation.Parent;
                    while (user is IConversionOperation)
                    {
                        user = user.Parent;
                    }

                    if (user is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                    {
                        return (declarator.Symbol, creation, declarator.Symbol);
                    }

                    if (user is ISimpleAssignmentOperation assignment && Holder(assignment.Target) is { } target)
                    {
                        return (target, creation, target);
                    }

                    return (creation, creation, null);
                }
            }

            return ((object?)instance ?? new object(), null, null);
        }
    }
}
