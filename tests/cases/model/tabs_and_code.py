# args: {"package": "shop_api", "module": "users"}
class Registry:
	def import_models(self) -> None:
		import logging
		logging.info("importing")
		# polepos:model-imports
		return None
# output
class Registry:
	def import_models(self) -> None:
		import logging
		logging.info("importing")
		from shop_api.modules.users import model as users_model

		# polepos:model-imports
		return None
