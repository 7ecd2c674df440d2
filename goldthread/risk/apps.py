from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "goldthread.risk"
    label = "risk"

    def ready(self):
        # Imported here, not at the top: these modules import models, which load only once the apps are ready.
        from goldthread.core import report_sections
        from goldthread.council.links import register

        from . import appendix
        from .links import priority_risks

        register(priority_risks)
        report_sections.register("risk.corporate_risks", appendix.risk_appendix)
        report_sections.register("risk.audit_register", appendix.audit_risk_register_appendix)
