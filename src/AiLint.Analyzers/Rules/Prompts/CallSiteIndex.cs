using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The string arguments the compilation passes to its own methods, recorded while each document is analysed, so a
    /// prompt handed down to the method that builds the system message can be followed back to its call sites at
    /// compilation end.
    /// </summary>
    internal sealed class CallSiteIndex
    {
        /// <summary>Per parameter, the arguments passed to it; per settable property, the values assigned to it.</summary>
        private readonly ConcurrentDictionary<ISymbol, ConcurrentBag<IOperation>> arguments = new(SymbolEqualityComparer.Default);
        private readonly Compilation compilation;
        private readonly IAssemblySymbol assembly;

        // Files the relevance gate skipped, read only when a settable property turns out to hold a prompt (see Get).
        private readonly ConcurrentBag<SyntaxTree> skippedFiles = new();
        private readonly ConcurrentDictionary<ISymbol, byte> propertiesReadInSkippedFiles = new(SymbolEqualityComparer.Default);

        public CallSiteIndex(Compilation compilation)
        {
            this.compilation = compilation;
            assembly = compilation.Assembly;
        }

        /// <summary>
        /// A file the relevance gate skipped may still write text into a settable property a slot elsewhere reads
        /// (<c>new BotOptions { SystemPrompt = "You are ..." }</c> in a setup file that names nothing of an SDK). It is
        /// read at compilation end, and only if it spells such a property, so a project of plain files costs a list entry
        /// per file, not a walk and a binding per string assignment (docs/performance.md).
        /// </summary>
        public void DeferSkippedFile(SyntaxTree tree) => skippedFiles.Add(tree);

        /// <summary>
        /// Records the explicit string arguments of a call to (or construction through) a method of this compilation, or to
        /// a referenced contract this compilation implements.
        /// </summary>
        public void Record(IOperation operation, CancellationToken cancellationToken = default)
        {
            // `new AgentConfig { Instructions = "..." }`, `options.SystemPrompt = Prompt;`: text the project writes into
            // its own settable string property.
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: false } property } } assignment
                && property.Type.SpecialType == SpecialType.System_String
                && (SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, assembly)
                    // A referenced project's DTO (`new ChatMessageDto { Role = "system", Content = ... }`, ReferencedSettables).
                    || ReferencedSettables.IsSettable(property, assembly))
                && (CanCarryPrompt(assignment.Value) || ReturnsFromThisCompilation(assignment.Value)))
            {
                arguments.GetOrAdd(property.OriginalDefinition, _ => new ConcurrentBag<IOperation>()).Add(assignment.Value);
                return;
            }

            var (method, args) = operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                IObjectCreationOperation creation when creation.Constructor != null => (creation.Constructor, creation.Arguments),
                _ => (null, default),
            };

            // Also a call through a referenced project's interface that this project implements (ReferencedContracts):
            // ContractPromptParameters may follow it to the implementation here. And the construction of a referenced
            // project's positional record (`new AiMessage(AiRole.System, prompt)`): PromptFlow follows its property
            // read at a slot here to these arguments (ReferencedRecords).
            if (method == null
                || (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly)
                    && !ReferencedContracts.IsImplementedHere(method, compilation, cancellationToken)
                    && !ReferencedRecords.IsPositionalConstructor(method, assembly)))
            {
                return;
            }

            foreach (var argument in args)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter is { } parameter
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && (CanCarryPrompt(argument.Value) || ReturnsFromThisCompilation(argument.Value)))
                {
                    arguments.GetOrAdd(parameter.OriginalDefinition, _ => new ConcurrentBag<IOperation>()).Add(argument.Value);
                }
            }
        }

        /// <summary>
        /// Only the shapes <see cref="PromptFlow"/> follows are kept (most string arguments are method results or
        /// object members that cannot carry a prompt), so the index holds few operations in a large compilation.
        /// </summary>
        private static bool CanCarryPrompt(IOperation value)
        {
            value = KnownPromptSymbols.Unwrap(value);
            return value.ConstantValue.HasValue
                || value is IFieldReferenceOperation
                || value is IPropertyReferenceOperation
                || value is ILocalReferenceOperation
                || value is IParameterReferenceOperation
                || value is IInterpolatedStringOperation
                || value is IConditionalOperation
                || value is ICoalesceOperation
                || value is IBinaryOperation
                || (value is IInvocationOperation invocation
                    && (invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                        // sb.ToString(): PromptFlow decides whether the builder has one text (AssembledText).
                        || (invocation.TargetMethod.Name == "ToString" && invocation.Instance?.Type?.Name == "StringBuilder")));
        }

        /// <summary>
        /// <c>Send(BuildSystemPrompt())</c>, <c>Send(await BuildSystemPromptAsync(...))</c>: PromptFlow follows what the
        /// project's own method returns (an awaited async method's too, <see cref="AwaitedTextMethods"/>).
        /// </summary>
        private bool ReturnsFromThisCompilation(IOperation value) =>
            (KnownPromptSymbols.Unwrap(value) as IInvocationOperation ?? AwaitedTextMethods.AwaitedInvocation(value)) is { } invocation
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingAssembly, assembly);

        /// <summary>The recorded values of a parameter or settable property (for a property, also those written in skipped files).</summary>
        public IEnumerable<IOperation> Get(ISymbol holder, CancellationToken cancellationToken)
        {
            if (holder is IPropertySymbol property && propertiesReadInSkippedFiles.TryAdd(property, 0))
            {
                RecordWritesInSkippedFiles(property, cancellationToken);
            }

            return arguments.TryGetValue(holder, out var found) ? found : (IEnumerable<IOperation>)System.Array.Empty<IOperation>();
        }

        /// <summary>
        /// Records the literal, raw or interpolated text assigned to <paramref name="property"/> in the skipped files that
        /// spell its name: a pass over the characters of each, then the assignments named so.
        /// </summary>
        private void RecordWritesInSkippedFiles(IPropertySymbol property, CancellationToken cancellationToken)
        {
            var spelling = FileWords.For(compilation).Spelling(new[] { property.Name });
            foreach (var tree in skippedFiles)
            {
                if (!spelling.Contains(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax { Right: LiteralExpressionSyntax or InterpolatedStringExpressionSyntax } assignment
                        && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                        && AssignedName(assignment.Left) == property.Name
                        && SourceBodies.GetOperation(assignment, compilation, cancellationToken) is { } operation)
                    {
                        Record(operation);
                    }
                }
            }
        }

        private static string? AssignedName(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
