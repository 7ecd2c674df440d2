from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "goldthread.risk"
    label = "risk"

    def ready(self):
        # Imported here, not at the top: these modules import models, which load only once the apps are ready.
        from goldthread.core import report_sections
        from goldthread.council.links import register, register_latest_period
        from goldthread.performance import signoff as period_signoff

        from . import appendix, signoff
        from .priority_section import latest_period, priority_risks

        register(priority_risks)
        register_latest_period(latest_period)
        report_sections.register("risk.corporate_risks", appendix.risk_appendix)
        report_sections.register("risk.audit_register", appendix.audit_risk_register_appendix)
        period_signoff.register(signoff.PARTICIPANT)
