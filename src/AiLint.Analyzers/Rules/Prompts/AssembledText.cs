using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>What a piece of an assembled string is.</summary>
    internal enum AssembledPartKind
    {
        /// <summary>Constant text written in place (a literal, a separator, a line break).</summary>
        Text,

        /// <summary>A read of a field or property: constant text when the member is <c>const</c>, else text the caller may resolve.</summary>
        Member,

        /// <summary>A value that is not known text (user input, a method's result): kept as <c>{expression}</c>.</summary>
        Hole,
    }

    /// <summary>One piece of an assembled string, in the order the program puts it together.</summary>
    internal readonly struct AssembledPart
    {
        public AssembledPart(AssembledPartKind kind, string? text, IOperation? operation, SyntaxToken? token)
        {
            Kind = kind;
            Text = text;
            Operation = operation;
            Token = token;
        }

        public AssembledPartKind Kind { get; }

        /// <summary>The text: the value for text and constant members, null for a member whose text is not constant, <c>{expression}</c> for a hole.</summary>
        public string? Text { get; }

        public IOperation? Operation { get; }

        /// <summary>The string literal or interpolated-text token that spells <see cref="Text"/>, for the source map.</summary>
        public SyntaxToken? Token { get; }
    }

    /// <summary>
    /// Takes apart a string the program assembles at run time from pieces written in source: <c>+</c> concatenation,
    /// interpolation, <c>string.Join</c> / <c>string.Concat</c> over arrays, collection expressions or list initializers,
    /// and a <c>StringBuilder</c> whose appends are statements of the block that declares it (or one fluent chain)
    /// before its <c>ToString()</c>. <c>AppendLine()</c> and <c>Environment.NewLine</c> are taken as <c>"\n"</c> (their
    /// value on Linux and macOS), so the text, and its hash, does not depend on the machine that builds. Appends under a
    /// condition, in a loop or through a helper become a hole (<see cref="VaryingText"/>); a builder cleared or edited
    /// before its <c>ToString()</c> has no text: <see cref="Flatten"/> returns null and the value is not a prompt.
    /// </summary>
    internal sealed partial class AssembledText
    {
        /// <summary>How many locals and members are followed for the pieces (as <see cref="PromptFlow.MaxDepth"/>).</summary>
        private const int MaxDepth = 4;

        /// <summary>More pieces than this is data being formatted, not a prompt written in code.</summary>
        private const int MaxParts = 400;

        private const string LineBreak = "\n";

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? stringBuilder;
        private readonly INamedTypeSymbol? environment;
        private readonly CancellationToken cancellationToken;
        private readonly List<AssembledPart> parts = new List<AssembledPart>();

        private AssembledText(Compilation compilation, CancellationToken cancellationToken)
        {
            this.compilation = compilation;
            this.cancellationToken = cancellationToken;
            stringBuilder = compilation.GetTypeByMetadataName("System.Text.StringBuilder");
            environment = compilation.GetTypeByMetadataName("System.Environment");
        }

        /// <summary>The <c>new StringBuilder(...)</c> whose text this is (the prompt is reported there), when it is a builder's.</summary>
        public SyntaxNode? BuilderSyntax { get; private set; }

        public IReadOnlyList<AssembledPart> Parts => parts;

        /// <summary>Takes <paramref name="value"/> apart, or returns null when it is not an assembled string or has no single text.</summary>
        public static AssembledText? Flatten(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            value = KnownPromptSymbols.Unwrap(value);
            if (value.ConstantValue.HasValue || value.Syntax.ContainsDiagnostics)
            {
                return null;
            }

            var assembled = new AssembledText(compilation, cancellationToken);
            if (!assembled.IsAssembly(value) || !assembled.Add(value, 0) || assembled.parts.Count > MaxParts)
            {
                return null;
            }

            return assembled;
        }

        /// <summary>Whether the text is fully known: no holes, every member constant.</summary>
        public bool IsFullyKnown
        {
            get
            {
                foreach (var part in parts)
                {
                    if (part.Text == null || part.Kind == AssembledPartKind.Hole)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>The text, with <paramref name="memberText"/> for members that are not constant (else <c>{expression}</c>).</summary>
        public string Text(System.Func<AssembledPart, string?>? memberText = null)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var part in parts)
            {
                builder.Append(TextOf(part, memberText));
            }

            return builder.ToString();
        }

        /// <summary>The source map of the text: each piece spelled by one literal maps to it, the rest is unmapped.</summary>
        public PromptSourceMap SourceMap(SyntaxTree tree, System.Func<AssembledPart, string?>? memberText = null)
        {
            var pieces = new List<(string Text, SyntaxToken? Token)>(parts.Count);
            foreach (var part in parts)
            {
                var text = TextOf(part, memberText);
                pieces.Add((text, part.Kind == AssembledPartKind.Text && part.Token is { } token && token.SyntaxTree == tree ? token : (SyntaxToken?)null));
            }

            return PromptSourceMap.ForTokens(tree, pieces);
        }

        private static string TextOf(AssembledPart part, System.Func<AssembledPart, string?>? memberText) =>
            part.Text
            ?? (part.Kind == AssembledPartKind.Member ? memberText?.Invoke(part) : null)
            ?? "{" + part.Operation?.Syntax.ToString() + "}";

        /// <summary>The shapes taken apart; anything else (a literal, a member, a method's result) is left to <see cref="PromptFlow"/>.</summary>
        private bool IsAssembly(IOperation value) =>
            IsConcatenation(value)
            || value is IInterpolatedStringOperation
            || (value is IInvocationOperation invocation && (IsJoinOrConcat(invocation.TargetMethod) || IsBuilderToString(invocation)));

        private static bool IsConcatenation(IOperation value) =>
            value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.Type?.SpecialType == SpecialType.System_String;

        private static bool IsJoinOrConcat(IMethodSymbol method) =>
            method.IsStatic && method.ContainingType?.SpecialType == SpecialType.System_String && (method.Name == "Join" || method.Name == "Concat");

        private bool IsBuilderToString(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name == "ToString"
            && invocation.Arguments.IsEmpty
            && invocation.Instance != null
            && IsBuilder(invocation.Instance.Type);

        private bool IsBuilder(ITypeSymbol? type) => stringBuilder != null && SymbolEqualityComparer.Default.Equals(type, stringBuilder);

        /// <summary>Adds the pieces of a string-valued operation; false when it has no single text.</summary>
        private bool Add(IOperation? operation, int depth)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (operation == null || parts.Count > MaxParts)
            {
                return false;
            }

            operation = KnownPromptSymbols.Unwrap(operation);
            if (operation.Syntax.ContainsDiagnostics)
            {
                return false;
            }

            // A constant concatenation is taken apart too, so `Instructions + "\n\n" + text` keeps Instructions as a member.
            if (operation is IBinaryOperation concatenation && IsConcatenation(concatenation))
            {
                return Add(concatenation.LeftOperand, depth) && Add(concatenation.RightOperand, depth);
            }

            if (operation.ConstantValue.HasValue)
            {
                var constant = operation.ConstantValue.Value;
                var text = constant as string ?? (constant is char c ? c.ToString() : constant == null ? string.Empty : null);
                if (text == null)
                {
                    AddHole(operation);
                }
                else if (operation is IFieldReferenceOperation || operation is IPropertyReferenceOperation)
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Member, text, operation, null));
                }
                else
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Text, text, operation, operation is ILiteralOperation ? ((LiteralExpressionSyntax?)(operation.Syntax as LiteralExpressionSyntax))?.Token : null));
                }

                return true;
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    return AddInterpolation(interpolated, depth);
                case IInterpolatedStringHandlerCreationOperation handler when handler.Content is IInterpolatedStringOperation content:
                    return AddInterpolation(content, depth);
                case IPropertyReferenceOperation property when IsNewLine(property):
                    parts.Add(new AssembledPart(AssembledPartKind.Text, LineBreak, operation, null));
                    return true;
                case IFieldReferenceOperation _:
                case IPropertyReferenceOperation { Arguments: { IsEmpty: true } }:
                    parts.Add(new AssembledPart(AssembledPartKind.Member, null, operation, null));
                    return true;
                case IInvocationOperation invocation when IsJoinOrConcat(invocation.TargetMethod):
                    if (!AddJoinOrConcat(invocation, depth))
                    {
                        AddHole(invocation);
                    }

                    return true;
                case IInvocationOperation invocation when IsBuilderToString(invocation):
                    return AddBuilder(invocation.Instance!, invocation, depth);
                case ILocalReferenceOperation local when local.Local.Type.SpecialType == SpecialType.System_String:
                    AddLocal(local, depth);
                    return true;
                default:
                    AddHole(operation);
                    return true;
            }
        }

        private void AddHole(IOperation operation) =>
            parts.Add(new AssembledPart(AssembledPartKind.Hole, "{" + operation.Syntax.ToString() + "}", operation, null));

        /// <summary>A local holding a string: its initializer's pieces when it is never written again and fully known, else a hole named after it.</summary>
        private void AddLocal(ILocalReferenceOperation local, int depth)
        {
            if (depth < MaxDepth && SingleUseInitializer(local.Local, requireSingleUse: false) is { } initializer)
            {
                var nested = new AssembledText(compilation, cancellationToken);
                if (nested.Add(initializer, depth + 1) && nested.IsFullyKnown && nested.parts.Count + parts.Count <= MaxParts)
                {
                    parts.AddRange(nested.parts);
                    return;
                }
            }

            AddHole(local);
        }

        private bool AddInterpolation(IInterpolatedStringOperation interpolated, int depth)
        {
            foreach (var part in interpolated.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string value:
                        var token = (text.Syntax as InterpolatedStringTextSyntax)?.TextToken;
                        parts.Add(new AssembledPart(AssembledPartKind.Text, value, text, token)); // mapped by PromptSourceMap when it spells the value
                        break;
                    case IInterpolationOperation hole when hole.Alignment == null && hole.FormatString == null:
                        if (!Add(hole.Expression, depth))
                        {
                            return false;
                        }

                        break;
                    case IInterpolationOperation hole:
                        AddHole(hole.Expression);
                        break;
                    case IInterpolatedStringAppendOperation append when append.Kind == OperationKind.InterpolatedStringAppendLiteral
                        && append.AppendCall is IInvocationOperation { Arguments: { Length: 1 } } literal
                        && literal.Arguments[0].Value.ConstantValue.Value is string literalText:
                        var literalToken = (literal.Arguments[0].Value.Syntax as InterpolatedStringTextSyntax)?.TextToken;
                        parts.Add(new AssembledPart(AssembledPartKind.Text, literalText, append, literalToken));
                        break;
                    case IInterpolatedStringAppendOperation append when append.Kind == OperationKind.InterpolatedStringAppendFormatted
                        && append.AppendCall is IInvocationOperation { Arguments: { Length: 1 } } formatted:
                        if (!Add(formatted.Arguments[0].Value, depth))
                        {
                            return false;
                        }

                        break;
                    case IInterpolatedStringAppendOperation append when append.AppendCall is IInvocationOperation { Arguments: { Length: > 0 } } other:
                        AddHole(other.Arguments[0].Value);
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        /// <summary>The text that stands for appends that vary (under a condition, in a loop, through a helper).</summary>
        internal const string VaryingText = "{...}";

        /// <summary>
        /// A local declared once, with an initializer, directly in a block, and the later statement of that block that
        /// holds <paramref name="use"/> and names the local exactly once: the statements between (indexes
        /// <c>Start + 1</c> to <c>End - 1</c>) are where a builder's appends or a string's <c>+=</c> can change its text
        /// before the use. Null in any other shape.
        /// </summary>
        private static LocalBeforeUse? FindLocalBeforeUse(ILocalSymbol local, SyntaxNode use, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || !(declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration)
                || !(declaration.Parent is BlockSyntax block))
            {
                return null;
            }

            var statements = block.Statements;
            var useStatement = StatementIn(statements, use);
            var start = statements.IndexOf(declaration);
            var end = useStatement == null ? -1 : statements.IndexOf(useStatement);
            if (start < 0 || end <= start || CountReferences(useStatement!, local.Name) != 1)
            {
                return null;
            }

            return new LocalBeforeUse(initializer.Value, block, start, end);
        }

        /// <summary>What <see cref="FindLocalBeforeUse"/> finds.</summary>
        private sealed class LocalBeforeUse
        {
            public LocalBeforeUse(ExpressionSyntax initializer, BlockSyntax block, int start, int end)
            {
                Initializer = initializer;
                Block = block;
                Start = start;
                End = end;
            }

            public ExpressionSyntax Initializer { get; }

            public BlockSyntax Block { get; }

            public SyntaxList<StatementSyntax> Statements => Block.Statements;

            /// <summary>The index of the declaration in <see cref="Statements"/>.</summary>
            public int Start { get; }

            /// <summary>The index of the statement holding the use.</summary>
            public int End { get; }
        }

        /// <summary>The statement of <paramref name="statements"/> that contains <paramref name="node"/>.</summary>
        private static StatementSyntax? StatementIn(SyntaxList<StatementSyntax> statements, SyntaxNode node)
        {
            foreach (var statement in statements)
            {
                if (statement.Span.Contains(node.Span))
                {
                    return statement;
                }
            }

            return null;
        }

        private static int CountReferences(SyntaxNode scope, string name)
        {
            var count = 0;
            foreach (var node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax id && id.Identifier.ValueText == name)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The initializer of a local that is never assigned again (and, with <paramref name="requireSingleUse"/>, read only once).</summary>
        private IOperation? SingleUseInitializer(ILocalSymbol local, bool requireSingleUse)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator))
            {
                return null;
            }

            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is CompilationUnitSyntax);
            if (scope == null)
            {
                return null;
            }

            var reads = 0;
            foreach (var node in scope.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != local.Name)
                {
                    continue;
                }

                reads++;
                if ((id.Parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
                    || (id.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                    || id.Parent is PrefixUnaryExpressionSyntax || id.Parent is PostfixUnaryExpressionSyntax)
                {
                    return null;
                }
            }

            if (requireSingleUse && reads != 1)
            {
                return null;
            }

            return SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree).GetOperation(initializer.Value, cancellationToken);
        }

        /// <summary>A get-only property whose getter (not an initializer) produces the value: each read builds it anew.</summary>
        private static bool BuildsOnEachRead(IPropertySymbol property) =>
            property.DeclaringSyntaxReferences.Length == 1
            && property.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax declaration
            && declaration.Initializer == null;

        /// <summary>The value a read-only field or get-only property of this compilation is initialized with.</summary>
        private IOperation? MemberValue(ISymbol member)
        {
            if (!SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly) || member.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var node = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var value = PromptDeclaration.ValueExpression(node);
            return value == null ? null : SourceBodies.GetSemanticModel(compilation, node.SyntaxTree).GetOperation(value, cancellationToken);
        }

        /// <summary><c>Environment.NewLine</c>: taken as "\n", like <c>AppendLine()</c>.</summary>
        private bool IsNewLine(IPropertyReferenceOperation property) =>
            property.Property.Name == "NewLine" && environment != null && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, environment);
    }
}
