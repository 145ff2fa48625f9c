using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>A <c>StringBuilder</c>'s text at its <c>ToString()</c>: a fluent chain, or a local builder and the appends that follow it.</summary>
    internal sealed partial class AssembledText
    {
        /// <summary>
        /// The text of a <c>StringBuilder</c> at <paramref name="toString"/>: a fluent chain from <c>new StringBuilder(...)</c>,
        /// or a local builder whose every use from its declaration to the statement holding <paramref name="toString"/> is an
        /// append statement directly in the same block.
        /// </summary>
        private bool AddBuilder(IOperation instance, IOperation toString, int depth)
        {
            instance = KnownPromptSymbols.Unwrap(instance);
            switch (instance)
            {
                case IObjectCreationOperation creation when IsBuilder(creation.Type):
                    BuilderSyntax ??= creation.Syntax;
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                        {
                            continue;
                        }

                        var type = argument.Parameter?.Type.SpecialType;
                        if (type == SpecialType.System_String && argument.Parameter!.Name == "value")
                        {
                            if (!Add(argument.Value, depth))
                            {
                                return false;
                            }
                        }
                        else if (type != SpecialType.System_Int32 || !(argument.Parameter!.Name == "capacity" || argument.Parameter.Name == "maxCapacity"))
                        {
                            // new StringBuilder(value, startIndex, length, capacity): a substring, not a piece.
                            return false;
                        }
                    }

                    return true;
                case IInvocationOperation append when append.Instance != null && IsBuilder(append.TargetMethod.ContainingType):
                    return AddBuilder(append.Instance, toString, depth) && AddAppend(append, depth);
                case ILocalReferenceOperation local when IsBuilder(local.Local.Type):
                    return AddLocalBuilder(local.Local, toString, depth);
                default:
                    return false;
            }
        }

        /// <summary>One <c>Append</c> / <c>AppendLine</c> call; false for any other builder call (Insert, Replace, Clear, AppendFormat...).</summary>
        private bool AddAppend(IInvocationOperation append, int depth)
        {
            var method = append.TargetMethod;
            if (method.Name != "Append" && method.Name != "AppendLine")
            {
                return false;
            }

            var text = TextArgument(append);
            if (text == null && !append.Arguments.IsEmpty)
            {
                return false;
            }

            if (text != null)
            {
                var value = text.Value;
                var type = text.Parameter?.Type;
                if (type?.SpecialType == SpecialType.System_String || type?.SpecialType == SpecialType.System_Char
                    || KnownPromptSymbols.Unwrap(value) is IInterpolatedStringHandlerCreationOperation)
                {
                    if (!Add(value, depth))
                    {
                        return false;
                    }
                }
                else
                {
                    AddHole(value);
                }
            }

            if (method.Name == "AppendLine")
            {
                parts.Add(new AssembledPart(AssembledPartKind.Text, LineBreak, append, null));
            }

            return true;
        }

        /// <summary>
        /// The argument an <c>Append</c> / <c>AppendLine</c> appends: its only one, or the interpolated text after an
        /// <c>IFormatProvider</c> (<c>AppendLine(CultureInfo.InvariantCulture, $"You are ...")</c>, the overload CA1305
        /// moves code to), since the provider only formats the holes. Null for any other shape.
        /// </summary>
        private IArgumentOperation? TextArgument(IInvocationOperation append)
        {
            var arguments = append.Arguments;
            if (arguments.Length == 1)
            {
                return arguments[0];
            }

            if (arguments.Length != 2)
            {
                return null;
            }

            var (provider, text) = arguments[0].Parameter?.Ordinal == 0 ? (arguments[0], arguments[1]) : (arguments[1], arguments[0]);
            return IsFormatProvider(provider.Parameter?.Type) && KnownPromptSymbols.Unwrap(text.Value) is IInterpolatedStringHandlerCreationOperation
                ? text
                : null;
        }

        private INamedTypeSymbol? formatProvider;

        private bool IsFormatProvider(ITypeSymbol? type) =>
            type != null && SymbolEqualityComparer.Default.Equals(type, formatProvider ??= compilation.GetTypeByMetadataName("System.IFormatProvider"));

        private bool AddLocalBuilder(ILocalSymbol local, IOperation toString, int depth)
        {
            if (depth >= MaxDepth || FindLocalBeforeUse(local, toString.Syntax, cancellationToken) is not { } span)
            {
                return false;
            }

            var statements = span.Statements;
            var model = SourceBodies.GetSemanticModel(compilation, span.Initializer.SyntaxTree);
            if (!(model.GetOperation(span.Initializer, cancellationToken) is { } initial) || !AddBuilder(initial, toString, depth + 1))
            {
                return false;
            }

            for (var i = span.Start + 1; i < span.End; i++)
            {
                var statement = statements[i];
                if (statement.ContainsDiagnostics)
                {
                    // Half-typed code between the builder and its use: its text is not settled yet.
                    return false;
                }

                var references = CountReferences(statement, local.Name);
                if (references == 0)
                {
                    continue;
                }

                // `sb.Append(...)...;` directly in the block adds its pieces.
                if (references == 1
                    && statement is ExpressionStatementSyntax expression
                    && model.GetOperation(expression.Expression, cancellationToken) is IInvocationOperation chain
                    && IsAppendChain(chain, local))
                {
                    if (!AddAppendChain(chain, local, depth))
                    {
                        return false;
                    }

                    continue;
                }

                // Appends under a condition, in a loop or through a helper given the builder: the text varies there,
                // and a hole stands for it (the prompt then needs an instruction of its own, see PromptFlow). A
                // statement that edits what was appended before (Clear, Insert, Remove, Replace, a new builder, a
                // Length assignment) leaves no text to speak of.
                if (EditsBuilder(statement, local.Name))
                {
                    return false;
                }

                parts.Add(new AssembledPart(AssembledPartKind.Hole, VaryingText, null, null));
            }

            return true;
        }

        /// <summary>Whether <paramref name="chain"/> is only Append/AppendLine calls rooted at the local builder (checked before any piece is added).</summary>
        private bool IsAppendChain(IInvocationOperation chain, ILocalSymbol local)
        {
            IOperation current = chain;
            while (current is IInvocationOperation call)
            {
                if (!IsBuilder(call.TargetMethod.ContainingType) || !(call.TargetMethod.Name == "Append" || call.TargetMethod.Name == "AppendLine") || call.Instance == null)
                {
                    return false;
                }

                current = KnownPromptSymbols.Unwrap(call.Instance);
            }

            return current is ILocalReferenceOperation root && SymbolEqualityComparer.Default.Equals(root.Local, local);
        }

        private static readonly HashSet<string> EditingMembers = new HashSet<string> { "Clear", "Insert", "Remove", "Replace" };

        /// <summary>Whether the statement clears, edits or replaces the builder named <paramref name="name"/>.</summary>
        private static bool EditsBuilder(StatementSyntax statement, string name)
        {
            foreach (var node in statement.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != name)
                {
                    continue;
                }

                if (PromptFlow.IsReassigned(id))
                {
                    return true;
                }

                if (id.Parent is MemberAccessExpressionSyntax access && access.Expression == id)
                {
                    var member = access.Name.Identifier.ValueText;
                    if (EditingMembers.Contains(member)
                        || ((member == "Length" || member == "Capacity") && access.Parent is AssignmentExpressionSyntax set && set.Left == access))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>sb.Append(a).AppendLine(b)</c> rooted at the local builder.</summary>
        private bool AddAppendChain(IInvocationOperation chain, ILocalSymbol local, int depth)
        {
            if (!IsBuilder(chain.TargetMethod.ContainingType) || chain.Instance == null)
            {
                return false;
            }

            var receiver = KnownPromptSymbols.Unwrap(chain.Instance);
            var rooted = receiver is ILocalReferenceOperation root && SymbolEqualityComparer.Default.Equals(root.Local, local)
                || (receiver is IInvocationOperation inner && AddAppendChain(inner, local, depth));
            return rooted && AddAppend(chain, depth);
        }
    }
}
