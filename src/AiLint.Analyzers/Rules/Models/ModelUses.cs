using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// One member's model ids and sampling parameters. Model ids are checked where they enter a model slot. An options
    /// object's sampling parameters are checked against the model when the member shows which model it goes to: its
    /// own <c>Model</c>/<c>ModelId</c>, or the client it is passed to, created in the same member with a known id.
    /// </summary>
    internal sealed class ModelUses
    {
        private readonly ModelTable table;
        private readonly KnownModelSymbols symbols;
        private readonly OperationBlockAnalysisContext context;

        // Keys are locals (an options object or a client held in a local) or the creating operation itself.
        private readonly Dictionary<object, ModelRow> modelOf = new Dictionary<object, ModelRow>(KeyComparer.Instance);
        private readonly Dictionary<object, List<SamplingSetting>> samplingOf = new Dictionary<object, List<SamplingSetting>>(KeyComparer.Instance);
        private readonly List<IInvocationOperation> calls = new List<IInvocationOperation>();

        public ModelUses(ModelTable table, KnownModelSymbols symbols, OperationBlockAnalysisContext context)
        {
            this.table = table;
            this.symbols = symbols;
            this.context = context;
        }

        public void Analyze()
        {
            foreach (var block in context.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            CheckModelArguments(invocation, invocation.Arguments);
                            calls.Add(invocation);
                            break;
                        case IObjectCreationOperation creation:
                            CheckModelArguments(creation, creation.Arguments);
                            break;
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                            CheckPropertyAssignment(assignment, property);
                            break;
                    }
                }
            }

            LinkOptionsToClients();
            foreach (var entry in samplingOf)
            {
                if (modelOf.TryGetValue(entry.Key, out var row))
                {
                    SamplingRules.Check(row, entry.Value, context.ReportDiagnostic);
                }
            }
        }

        private void CheckModelArguments(IOperation owner, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && KnownModelSymbols.IsModelParameter(argument.Parameter)
                    && CheckModelId(argument.Value) is { } row)
                {
                    foreach (var key in KeysOfCreated(owner))
                    {
                        modelOf[key] = row;
                    }
                }
            }
        }

        private void CheckPropertyAssignment(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation property)
        {
            if (KnownModelSymbols.IsModelProperty(property.Property))
            {
                if (CheckModelId(assignment.Value) is { } row && KeyOfInstance(property) is { } key)
                {
                    modelOf[key] = row;
                }

                return;
            }

            if (symbols.IsSamplingOptionsType(property.Property.ContainingType)
                && SamplingRules.ApiName(property.Property.Name) != null
                && KeyOfInstance(property) is { } optionsKey)
            {
                if (!samplingOf.TryGetValue(optionsKey, out var settings))
                {
                    settings = new List<SamplingSetting>(2);
                    samplingOf.Add(optionsKey, settings);
                }

                settings.Add(new SamplingSetting(property.Property.Name, assignment));
            }
        }

        /// <summary>Reports AIL0501-AIL0503 on a model id the table knows; returns its row (null for unknown or non-constant ids).</summary>
        private ModelRow? CheckModelId(IOperation value)
        {
            if (ModelIdValue.Fold(value, context.CancellationToken) is not { } id || table.Find(id) is not { } row)
            {
                return null;
            }

            if (ModelIdDiagnostics.Create(row, id, value.Syntax.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }

            return row;
        }

        /// <summary>
        /// Options passed to a call on a client whose model is known: <c>client.CompleteChat(messages, options)</c>
        /// where <c>client</c> came from <c>new ChatClient("o3-mini", ...)</c> or <c>GetChatClient("o3-mini")</c>.
        /// </summary>
        private void LinkOptionsToClients()
        {
            foreach (var call in calls)
            {
                var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                if (receiver == null || !modelOf.TryGetValue(KeyOf(ModelIdValue.Unwrap(receiver)), out var row))
                {
                    continue;
                }

                foreach (var argument in call.Arguments)
                {
                    var value = ModelIdValue.Unwrap(argument.Value);
                    if (symbols.IsSamplingOptionsType(value.Type))
                    {
                        var key = KeyOf(value);
                        if (!modelOf.ContainsKey(key))
                        {
                            modelOf[key] = row;
                        }
                    }
                }
            }
        }

        /// <summary>The object a property assignment writes to: a local, or the object creation of an initializer.</summary>
        private static object? KeyOfInstance(IPropertyReferenceOperation property)
        {
            var instance = property.Instance == null ? null : ModelIdValue.Unwrap(property.Instance);
            switch (instance)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    for (var parent = property.Parent; parent != null; parent = parent.Parent)
                    {
                        if (parent is IObjectCreationOperation creation)
                        {
                            return KeyOfCreatedObject(creation);
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static object KeyOfCreatedObject(IOperation creation)
        {
            object key = creation;
            foreach (var candidate in KeysOfCreated(creation))
            {
                key = candidate;
            }

            return key;
        }

        /// <summary>
        /// The operation that produced a client, every call in the chain that carries it on
        /// (<c>GetChatClient("x").AsIChatClient()</c>), and the local it ends up in.
        /// </summary>
        private static IEnumerable<object> KeysOfCreated(IOperation created)
        {
            var current = created;
            yield return current;
            while (true)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                }

                if (parent is IInvocationOperation call && ReferenceEquals(call.Instance == null ? null : Strip(call.Instance), current))
                {
                    current = call;
                    yield return current;
                    continue;
                }

                if (parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation extension } && extension.TargetMethod.IsExtensionMethod)
                {
                    current = extension;
                    yield return current;
                    continue;
                }

                if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    yield return declarator.Symbol;
                }
                else if (parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment && ReferenceEquals(Strip(assignment.Value), current))
                {
                    yield return local.Local;
                }

                yield break;
            }
        }

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IParenthesizedOperation parenthesized)
            {
                operation = parenthesized.Operand;
            }

            return operation;
        }

        private static object KeyOf(IOperation value) =>
            value is ILocalReferenceOperation local ? local.Local : (object)value;

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
