using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Whether a request's options visibly leave the model no choice among the catalog they carry: the tool choice says
    /// no tool (MEAI <c>ChatToolMode.None</c>, OpenAI <c>ChatToolChoice.CreateNoneChoice()</c> and Responses
    /// <c>ResponseToolChoice.CreateNoneChoice()</c>, Anthropic <c>ToolChoiceNone</c>) or one named tool
    /// (<c>ChatToolMode.RequireSpecific(name)</c>, <c>CreateFunctionChoice(name)</c>, Anthropic <c>ToolChoiceTool</c>).
    /// Such a request is a final-answer turn or output forced through one tool: the size of the catalog does not make the
    /// model pick worse, and an MCP server's whole list sent that way is never chosen from, so neither AIL0201 nor AIL0202
    /// applies. <c>Auto</c>, <c>RequireAny</c>/<c>CreateRequiredChoice()</c>/<c>ToolChoiceAny</c> (the model still picks
    /// among all), no tool choice (automatic), and a choice that is not written out there keep the catalog reported.
    /// </summary>
    /// <remarks>
    /// Skipping a catalog can only remove a diagnostic, so where the options are handed to code AiLint does not read
    /// (a helper that might change the choice again) the visible choice is trusted: at worst a miss, never a false positive.
    /// What must be visible is that no request goes out with the catalog before the choice is set.
    /// </remarks>
    internal static class RequestToolChoice
    {
        /// <summary>The sink's options object visibly lets the model choose no tool among its catalog.</summary>
        public static bool LeavesNoChoice(CatalogSink sink, TypeIndex index)
        {
            var symbols = index.Symbols;
            switch (sink.Holder ?? InitializedMember(sink.Creation))
            {
                case null:
                    // Created where it is used (`GetResponseAsync(history, new ChatOptions { Tools = ..., ToolMode = ... })`).
                    return sink.Creation is IObjectCreationOperation inline && IsNoChoice(InitializerChoice(inline, symbols), symbols);
                case ILocalSymbol local:
                    return LocalLeavesNoChoice(local, index);
                case IFieldSymbol field:
                    // A field created once with the choice set, and never given another choice in its type.
                    return SingleCreation(field, index) is { } created
                        && IsNoChoice(InitializerChoice(created, symbols), symbols)
                        && AllWritesAreNoChoice(field, index);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The field or property whose initializer is the creation (<c>readonly ChatOptions _final = new() { ... }</c>):
        /// its later writes are looked for like a local's. A property's are not indexed, so it is never read as no choice.
        /// </summary>
        private static ISymbol? InitializedMember(IOperation? creation)
        {
            var parent = creation?.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0],
                IPropertyInitializerOperation { InitializedProperties.Length: > 0 } property => property.InitializedProperties[0],
                _ => null,
            };
        }

        private static bool LocalLeavesNoChoice(ILocalSymbol local, TypeIndex index)
        {
            var symbols = index.Symbols;
            if (SingleCreation(local, index) is not { } created || !AllWritesAreNoChoice(local, index))
            {
                return false;
            }

            if (IsNoChoice(InitializerChoice(created, symbols), symbols))
            {
                return true;
            }

            // `var options = new ChatOptions { Tools = ... }; options.ToolMode = ChatToolMode.None;`: the later write counts
            // only when it surely runs before the options can be sent: a statement of the declaration's own block (not
            // under a condition or in a loop body) with only property writes and catalog Adds on the local in between.
            if (DeclarationStatement(created) is not { Parent: IBlockOperation block } declaration
                || !index.ChoiceWrites.TryGetValue(local, out var writes))
            {
                return false;
            }

            var start = IndexIn(block, declaration);
            foreach (var value in writes)
            {
                if (value.Parent is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation statement } && statement.Parent == block
                    && IndexIn(block, statement) is var end && end > start
                    && !UsedBetween(local, block, start, end) && !CapturedAnywhere(local, block))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The object creation a local or field holds, when its only write is one creation.</summary>
        private static IObjectCreationOperation? SingleCreation(ISymbol holder, TypeIndex index) =>
            index.Writes.TryGetValue(holder, out var writes) && writes.Count == 1 && TypeIndex.Strip(writes[0]) is IObjectCreationOperation creation
                && (holder is not ILocalSymbol || writes[0].Parent is IVariableInitializerOperation)
                ? creation
                : null;

        // Every `options.ToolMode = ...` of the holder in its type says no tool or one tool: none may reopen the choice.
        private static bool AllWritesAreNoChoice(ISymbol holder, TypeIndex index)
        {
            if (index.ChoiceWrites.TryGetValue(holder, out var writes))
            {
                foreach (var value in writes)
                {
                    if (!IsNoChoice(value, index.Symbols))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The value the creation's initializer gives the tool choice, or null when it sets none.</summary>
        private static IOperation? InitializerChoice(IObjectCreationOperation creation, KnownToolSymbols symbols)
        {
            if (creation.Initializer == null)
            {
                return null;
            }

            foreach (var member in creation.Initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                    && symbols.IsToolChoiceProperty(property))
                {
                    return assignment.Value;
                }
            }

            return null;
        }

        /// <summary>A tool choice, written out there, that offers the model no choice among the tools.</summary>
        public static bool IsNoChoice(IOperation? value, KnownToolSymbols symbols)
        {
            switch (TypeIndex.Strip(value))
            {
                // ChatToolMode.None
                case IPropertyReferenceOperation { Property: { Name: "None", IsStatic: true } property }:
                    return Is(property.ContainingType, symbols.ChatToolMode);

                // ChatToolMode.RequireSpecific(name), ChatToolChoice/ResponseToolChoice.CreateNoneChoice()/CreateFunctionChoice(name)
                case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation:
                    if (method.Name == "RequireSpecific")
                    {
                        return Is(method.ContainingType, symbols.ChatToolMode) && !IsNullArgument(invocation);
                    }

                    return method.Name is "CreateNoneChoice" or "CreateFunctionChoice"
                        && (Is(method.ContainingType, symbols.ChatToolChoice) || Is(method.ContainingType, symbols.ResponseToolChoice))
                        && !IsNullArgument(invocation);

                // new RequiredChatToolMode("name"); new ToolChoiceNone(), new ToolChoiceTool { Name = ... } (and Beta), also
                // wrapped in the union: new ToolChoice(new ToolChoiceNone()).
                case IObjectCreationOperation { Type: INamedTypeSymbol type } creation:
                    if (Is(type, symbols.RequiredChatToolMode))
                    {
                        return creation.Arguments.Length == 1 && TypeIndex.Strip(creation.Arguments[0].Value) is { ConstantValue: { HasValue: true, Value: string } };
                    }

                    if (Is(type, symbols.AnthropicToolChoice) || Is(type, symbols.AnthropicBetaToolChoice))
                    {
                        return creation.Arguments.Length > 0 && IsNoChoice(creation.Arguments[0].Value, symbols);
                    }

                    return symbols.AnthropicNoChoiceTypes.Contains(type.OriginalDefinition, SymbolEqualityComparer.Default);
                default:
                    return false;
            }
        }

        // RequireSpecific(null) throws, CreateFunctionChoice(null) too: not a choice the request goes out with.
        private static bool IsNullArgument(IInvocationOperation invocation) =>
            invocation.Arguments.Length > 0 && TypeIndex.Strip(invocation.Arguments[0].Value) is { ConstantValue: { HasValue: true, Value: null } };

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
            expected != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        private static IOperation? DeclarationStatement(IOperation creation)
        {
            var current = creation.Parent;
            while (current != null && current is not IVariableDeclarationGroupOperation)
            {
                current = current.Parent;
            }

            return current;
        }

        private static int IndexIn(IBlockOperation block, IOperation statement)
        {
            for (var i = 0; i < block.Operations.Length; i++)
            {
                if (block.Operations[i] == statement)
                {
                    return i;
                }
            }

            return -1;
        }

        // Between the declaration and the write, the local is only given properties or catalog Adds
        // (`options.Temperature = 0;`, `options.Tools.Add(t);`), never read whole (sent, passed on, copied).
        private static bool UsedBetween(ILocalSymbol local, IBlockOperation block, int start, int end)
        {
            for (var i = start + 1; i < end; i++)
            {
                foreach (var operation in block.Operations[i].DescendantsAndSelf())
                {
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && !IsPropertyWriteOrAdd(reference))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsPropertyWriteOrAdd(ILocalReferenceOperation reference)
        {
            if (reference.Parent is not IPropertyReferenceOperation property || property.Instance != reference)
            {
                return false;
            }

            return property.Parent switch
            {
                ISimpleAssignmentOperation assignment => assignment.Target == property,
                IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" } add => add.Instance == property,
                _ => false,
            };
        }

        // A lambda or local function that reads the local may run between any two statements.
        private static bool CapturedAnywhere(ILocalSymbol local, IBlockOperation block)
        {
            foreach (var operation in block.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    for (var parent = reference.Parent; parent != null && parent != block; parent = parent.Parent)
                    {
                        if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
