using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// What the project summary reads from one file without binding: its method declarations (name, attribute names,
    /// the names the body calls, whether it can retry a delegate parameter) and its using aliases. Read once per syntax
    /// tree and kept with it, so a re-run after an edit reads only the edited file.
    /// </summary>
    internal sealed class FileSyntaxFacts
    {
        private static readonly ConditionalWeakTable<SyntaxTree, FileSyntaxFacts> Cache = new();

        private FileSyntaxFacts(List<MethodSyntaxFacts> methods, List<(string Alias, string Target)> aliases)
        {
            Methods = methods;
            Aliases = aliases;
        }

        /// <summary>Every ordinary method declaration of the file (in types, at any depth).</summary>
        public List<MethodSyntaxFacts> Methods { get; }

        /// <summary>Using aliases: the alias and the rightmost name of what it names.</summary>
        public List<(string Alias, string Target)> Aliases { get; }

        public static FileSyntaxFacts Of(SyntaxTree tree, CancellationToken cancellationToken) =>
            Cache.GetValue(tree, t => Read(t, cancellationToken));

        private static FileSyntaxFacts Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var methods = new List<MethodSyntaxFacts>();
            var aliases = new List<(string, string)>();
            var called = new HashSet<string>(StringComparer.Ordinal);
            var containers = new Stack<SyntaxNode>();
            containers.Push(tree.GetRoot(cancellationToken));
            while (containers.Count > 0)
            {
                foreach (var child in containers.Pop().ChildNodes())
                {
                    switch (child)
                    {
                        case MethodDeclarationSyntax method:
                            methods.Add(MethodSyntaxFacts.Read(method, called));
                            break;
                        case UsingDirectiveSyntax { Alias: { } alias, Name: { } target }:
                            // Usings sit at the top of a file or namespace, so only those levels hold them.
                            aliases.Add((alias.Name.Identifier.ValueText, MethodSyntaxFacts.RightmostName(target)));
                            break;
                        case BaseFieldDeclarationSyntax or BasePropertyDeclarationSyntax or BaseMethodDeclarationSyntax
                            or AttributeListSyntax or GlobalStatementSyntax or EnumDeclarationSyntax or DelegateDeclarationSyntax:
                            // Members that are not ordinary methods and hold none (the summary records ordinary methods only).
                            break;
                        default:
                            // Namespaces and every kind of type declaration (extension blocks included).
                            containers.Push(child);
                            break;
                    }
                }
            }

            return new FileSyntaxFacts(methods, aliases);
        }
    }

    /// <summary>One method declaration, as <see cref="FileSyntaxFacts"/> reads it.</summary>
    internal sealed class MethodSyntaxFacts
    {
        private static readonly string[] NoNames = Array.Empty<string>();

        private static readonly SyntaxNode[] NoNodes = Array.Empty<SyntaxNode>();

        private MethodSyntaxFacts(MethodDeclarationSyntax declaration, string[] attributes, string[] called, bool mayRetryParameter, SyntaxNode[] stringParameterUses)
        {
            Declaration = declaration;
            Attributes = attributes;
            Called = called;
            MayRetryParameter = mayRetryParameter;
            StringParameterUses = stringParameterUses;
        }

        public MethodDeclarationSyntax Declaration { get; }

        public string Name => Declaration.Identifier.ValueText;

        /// <summary>The rightmost names of the method's attributes (ValueText: escapes and <c>@</c> resolved).</summary>
        public string[] Attributes { get; }

        /// <summary>The names the body can invoke (<see cref="InvokedNames"/>).</summary>
        public string[] Called { get; }

        /// <summary>
        /// The method may retry a delegate parameter (RetryContextFinder): it has no body (an interface, abstract or
        /// partial definition, answered by its implementations), or its body invokes a parameter or passes it on.
        /// False means it cannot.
        /// </summary>
        public bool MayRetryParameter { get; }

        /// <summary>
        /// The outermost call, object creation or assignment of a statement that takes a string parameter of the method
        /// (<c>new SystemChatMessage(system)</c>, <c>chat.CompleteChatAsync([new SystemChatMessage(system), ...])</c>): the
        /// only places where the parameter can reach a system slot of the method itself, bound by the summary to record
        /// the wrapper's prompt parameters (<see cref="SummaryKeys.PromptParameter"/>).
        /// </summary>
        public SyntaxNode[] StringParameterUses { get; }

        internal static MethodSyntaxFacts Read(MethodDeclarationSyntax method, HashSet<string> called)
        {
            var attributes = NoNames;
            if (method.AttributeLists.Count > 0)
            {
                var list = new List<string>();
                foreach (var attributeList in method.AttributeLists)
                {
                    foreach (var attribute in attributeList.Attributes)
                    {
                        list.Add(RightmostName(attribute.Name));
                    }
                }

                attributes = list.ToArray();
            }

            var delegateLike = DelegateLikeParameters(method);
            var stringParameters = StringParameters(method);
            List<SyntaxNode>? uses = null;
            var mayRetry = delegateLike is not null && method.Body is null && method.ExpressionBody is null;
            called.Clear();
            var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
            if (body is not null)
            {
                foreach (var node in body.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation)
                    {
                        if (InvokedNames.CalledName(invocation) is { } name)
                        {
                            called.Add(name);
                        }
                    }
                    else if (node is IdentifierNameSyntax identifier)
                    {
                        mayRetry = mayRetry || (delegateLike is not null && delegateLike.Contains(identifier.Identifier.ValueText) && IsInvokedOrPassedOn(identifier));
                        if (stringParameters is not null && stringParameters.Contains(identifier.Identifier.ValueText) && OutermostUse(identifier) is { } use)
                        {
                            uses ??= new List<SyntaxNode>();
                            if (!uses.Contains(use))
                            {
                                uses.Add(use);
                            }
                        }
                    }
                    else
                    {
                        called.UnionWith(InvokedNames.ImplicitNames(node));
                    }
                }
            }

            var calledNames = called.Count == 0 ? NoNames : new string[called.Count];
            called.CopyTo(calledNames);
            return new MethodSyntaxFacts(method, attributes, calledNames, mayRetry, uses is null ? NoNodes : uses.ToArray());
        }

        internal static string RightmostName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => name.ToString(),
        };

        /// <summary>Names of the parameters written as <c>string</c>, <c>string?</c> or <c>String</c>.</summary>
        private static HashSet<string>? StringParameters(MethodDeclarationSyntax method)
        {
            HashSet<string>? names = null;
            foreach (var parameter in method.ParameterList.Parameters)
            {
                var type = parameter.Type is NullableTypeSyntax nullable ? nullable.ElementType : parameter.Type;
                var isString = type switch
                {
                    PredefinedTypeSyntax predefined => predefined.Keyword.IsKind(SyntaxKind.StringKeyword),
                    NameSyntax name => RightmostName(name) == "String",
                    _ => false,
                };
                if (isString && parameter.Modifiers.Count == 0)
                {
                    (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(parameter.Identifier.ValueText);
                }
            }

            return names;
        }

        /// <summary>The outermost invocation, object creation or assignment around <paramref name="identifier"/> within its statement.</summary>
        private static SyntaxNode? OutermostUse(IdentifierNameSyntax identifier)
        {
            SyntaxNode? outermost = null;
            for (var node = identifier.Parent; node is not null && node is not StatementSyntax && node is not MemberDeclarationSyntax; node = node.Parent)
            {
                if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax)
                {
                    outermost = node;
                }
            }

            return outermost;
        }

        /// <summary>
        /// Names of the parameters whose type may be a delegate: written as a name (<c>Func&lt;T&gt;</c>, <c>Action</c>,
        /// a delegate type or an alias of one), possibly nullable. Predefined types, arrays, tuples and pointers are not.
        /// </summary>
        private static HashSet<string>? DelegateLikeParameters(MethodDeclarationSyntax method)
        {
            HashSet<string>? names = null;
            foreach (var parameter in method.ParameterList.Parameters)
            {
                var type = parameter.Type;
                if (type is NullableTypeSyntax nullable)
                {
                    type = nullable.ElementType;
                }

                if (type is NameSyntax)
                {
                    (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(parameter.Identifier.ValueText);
                }
            }

            return names;
        }

        /// <summary>
        /// The shapes in which RetryContextFinder finds a retried delegate parameter: invoked (<c>p(...)</c>,
        /// <c>p.Invoke(...)</c>) or passed as an argument (to a Polly pipeline, a policy or another helper, an extension
        /// method's receiver included), through parentheses, casts and <c>!</c>, which the operation tree does not show.
        /// <c>p?.Invoke(...)</c> is kept too, although the finder does not count it today.
        /// </summary>
        private static bool IsInvokedOrPassedOn(IdentifierNameSyntax identifier)
        {
            SyntaxNode current = identifier;
            var parent = current.Parent;
            while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax
                || parent?.RawKind == (int)SyntaxKind.SuppressNullableWarningExpression)
            {
                current = parent;
                parent = current.Parent;
            }

            return parent switch
            {
                ArgumentSyntax => true,
                InvocationExpressionSyntax invocation => invocation.Expression == current,
                // `p.Invoke(...)`, and `p.WithRetry()`: an extension method receives `p` as its first argument.
                MemberAccessExpressionSyntax member => member.Expression == current && member.Parent is InvocationExpressionSyntax,
                ConditionalAccessExpressionSyntax access => access.Expression == current,
                _ => false,
            };
        }
    }
}
