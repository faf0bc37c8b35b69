from lib import R
l='local'
GOCFG='''package config

var Default = Config{
	GitHubToken: "ghp_R8kT2mVq9XzL4bN7wYc1PdF6sJh3Ua0EoKi5",
	Org:         "acme-platform",
	Repo:        "deploy-bot",
}'''
CSCONN='''public static class Db
{
    public const string Conn =
        "Server=sql-prod-03.acme.local;Database=Payroll;User Id=payroll_svc;Password=Kx93!mfTq2#Lw;";

    public static SqlConnection Open() => new SqlConnection(Conn);
}'''
R('commit-subject-polyglot',l,"read the token from GITHUB_TOKEN env instead, fall back to empty",kind='edit',sel=GOCFG)
R('commit-subject-polyglot',l,"move the connection string to appsettings.json and read it via IConfiguration",kind='edit',sel=CSCONN)
R('question-vs-imperative',l,"can you make it so Open() retries twice if the server is unreachable?",kind='edit',sel=CSCONN)
R('followup-no-context',l,"now do the same for this one\n\nAPP_DB_URL=postgres://report:H7v!2qLmZ9x@10.4.2.17:5432/reports\nAPP_SMTP_PASS=mR4#tY8wQz1p",kind='chat')
